target "m" {
  name = "m-${v}"
  matrix = { v = ["a", "b"] }
  tags = ["m:${v}"]
}
