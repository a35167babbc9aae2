target "m" {
  name = "m-${v}"
  matrix = { v = [] }
}
target "other" {}
