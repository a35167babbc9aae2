target "a" {
  dockerfile = "A"
  args = { X = "a", Y = "a" }
  tags = ["a"]
  target = "ta"
}
target "b" {
  inherits = ["a"]
  args = { Y = "b", Z = "b" }
  context = "ctx"
}
target "c" {
  inherits = ["b"]
  args = { Z = "c" }
  tags = ["c"]
}
