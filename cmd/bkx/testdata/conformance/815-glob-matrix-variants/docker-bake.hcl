target "img" {
  name = "img-${v}"
  matrix = { v = ["a", "b"] }
  args = { V = v }
}
target "imgx" {}
