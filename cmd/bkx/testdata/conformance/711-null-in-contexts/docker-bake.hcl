target "default" {
  contexts = { a = null, b = "docker-image://alpine" }
}
