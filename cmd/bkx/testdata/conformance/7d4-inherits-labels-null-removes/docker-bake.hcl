target "a" {
  labels = { x = "1", y = "2" }
}
target "default" {
  inherits = ["a"]
  labels = { x = null, z = "3" }
}
