target "default" {
  dockerfile-inline = <<-EOT
      FROM alpine
        RUN echo indented
      RUN echo "quote" \
        && true
    EOT
  args = {
    H = <<EOT
  keep leading
EOT
  }
}
