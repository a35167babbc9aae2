target "m" {
  name = "m-${v}"
  matrix = { v = ["a", "b", "c"] }
  tags = ["m:${v}"]
}
target "x" {
  name = "x-${v}"
  matrix = { v = ["1", "2"] }
}
