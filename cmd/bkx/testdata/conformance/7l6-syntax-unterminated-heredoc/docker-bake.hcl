target "default" {
  dockerfile-inline = <<EOT
FROM alpine
}
