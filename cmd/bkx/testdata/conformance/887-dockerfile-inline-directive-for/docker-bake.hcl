variable "PKGS" { default = ["curl", "git"] }
target "default" {
  dockerfile-inline = <<EOT
FROM alpine
%{ for p in PKGS ~}
RUN apk add ${p}
%{ endfor ~}
%{ if length(PKGS) > 1 }RUN echo many%{ else }RUN echo few%{ endif }
EOT
}
