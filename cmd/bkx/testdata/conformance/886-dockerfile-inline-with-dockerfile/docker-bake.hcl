target "default" {
  dockerfile = "custom.Dockerfile"
  dockerfile-inline = "FROM scratch\n"
}
