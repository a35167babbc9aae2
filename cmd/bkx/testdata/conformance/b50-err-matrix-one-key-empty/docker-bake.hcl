target "app" {
  name = "app-${v}${w}"
  matrix = { v = [], w = ["a"] }
}
