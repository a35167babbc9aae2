target "app" {
  name = "app-${w}"
  matrix = { v = ["a"] }
}
