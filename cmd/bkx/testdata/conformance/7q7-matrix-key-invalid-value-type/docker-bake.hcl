target "m" {
  matrix = { v = "notalist" }
  name = "m-${v}"
}
