target "a" {
  pull = true
  no-cache = true
}
target "b" {
  inherits = ["a"]
  pull = false
}
target "default" {
  inherits = ["b"]
}
