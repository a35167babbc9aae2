target "a" {
  inherits = ["a"]
  tags = ["a"]
}
