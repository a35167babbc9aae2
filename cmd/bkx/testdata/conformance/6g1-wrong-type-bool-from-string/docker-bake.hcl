target "default" {
  pull = "true"
  no-cache = "false"
}
