target "default" {
  dockerfile-inline = <<-EOT
    FROM scratch
      COPY --from=x $${SRC} /dst
    LABEL a="b"
    EOT
}
