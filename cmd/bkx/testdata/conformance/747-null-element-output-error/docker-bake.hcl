target "default" {
  output = ["type=docker", null]
}
