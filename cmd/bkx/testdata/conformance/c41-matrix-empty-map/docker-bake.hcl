target "app" {
  name = "app"
  matrix = {}
}
