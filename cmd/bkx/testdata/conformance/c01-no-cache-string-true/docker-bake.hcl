target "app" {
  no-cache = "true"
  pull = "1"
}
