target "default" {
  output = "type=docker"
}
