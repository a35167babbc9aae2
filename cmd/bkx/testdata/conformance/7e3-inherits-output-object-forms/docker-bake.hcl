target "a" {
  output = [{ type = "image", name = "x", push = true }]
}
target "default" {
  inherits = ["a"]
  tags = ["t"]
}
