group "default" {
  targets = ["m", "x"]
}
target "x" {}
target "m" {
  matrix = { v = ["1", "2"] }
  name = "m${v}"
  args = { V = v }
}
