target "m" {
  name = "m-${lower(v)}"
  matrix = { v = ["a", "A"] }
}
