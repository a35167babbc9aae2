target "a" {
  network = "host"
}
target "b" {
  inherits = ["a"]
}
target "default" {
  inherits = ["b"]
  network = "default"
}
