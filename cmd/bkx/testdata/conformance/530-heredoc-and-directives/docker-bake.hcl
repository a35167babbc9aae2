variable "PKGS" { default = ["curl", "git"] }
target "default" {
  dockerfile-inline = <<-EOT
    FROM alpine
    %{ for p in PKGS ~}
    RUN apk add ${p}
    %{ endfor ~}
    %{ if length(PKGS) > 1 }# many%{ else }# one%{ endif }
  EOT
  args = { LIST = "%{ for i, p in PKGS }${i}=${p};%{ endfor }" }
}
