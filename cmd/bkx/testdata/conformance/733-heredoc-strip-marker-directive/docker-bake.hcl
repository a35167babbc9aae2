target "default" {
  dockerfile-inline = <<EOT
FROM scratch
%{ for x in ["a", "b"] ~}
COPY ${x} /${x}
%{ endfor ~}
EOT
}
