target "default" {
  dockerfile-inline = <<EOT
FROM alpine
ARG V
RUN echo $${V} "%%{not}" '$$notvar' $HOME
EOT
  args = { P = "100%", D = "$$", DD = "$${a}$${b}" }
  labels = { L = "%%{x}" }
}
