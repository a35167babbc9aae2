target "app" {
  name = "app-${v}"
  matrix = { v = ["a", "bb"] }
  args = { V = v }
}
