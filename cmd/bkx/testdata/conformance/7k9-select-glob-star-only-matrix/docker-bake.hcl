target "m" {
  matrix = { v = ["1", "2"] }
  name = "m${v}"
}
target "z" {}
