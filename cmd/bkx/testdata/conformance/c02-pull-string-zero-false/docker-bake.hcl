target "app" {
  no-cache = "0"
  pull = "false"
}
