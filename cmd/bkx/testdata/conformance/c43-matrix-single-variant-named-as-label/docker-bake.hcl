target "app" {
  name = "app"
  matrix = { v = ["a"] }
  args = { V = v }
}
