target "m" {
  matrix = { v = ["a/b"] }
  name = "m-${v}"
}
