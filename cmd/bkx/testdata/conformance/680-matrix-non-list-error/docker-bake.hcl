target "m" {
  name = "m-${v}"
  matrix = { v = "a" }
}
