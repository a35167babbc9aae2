target "app" {
  name = "other"
  matrix = null
}
