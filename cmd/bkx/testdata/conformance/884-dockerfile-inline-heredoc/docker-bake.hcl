variable "BASE" { default = "alpine:3.20" }
target "default" {
  dockerfile-inline = <<EOT
FROM ${BASE}
ARG VERSION
RUN echo "$${VERSION}" > /v && echo %%{x} && echo $HOME
ENV A=${upper("b")}
EOT
}
