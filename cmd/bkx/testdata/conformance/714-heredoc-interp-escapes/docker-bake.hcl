variable "V" { default = "val" }
target "default" {
  dockerfile-inline = <<EOT
FROM alpine
ARG X=${V}
RUN echo $${HOME} %%{notdirective} %{ if true }yes%{ endif }
EOT
}
