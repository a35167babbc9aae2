target "app" {
  name = "other"
  matrix = {}
}
