function "f" {
  params = [a]
  result = a
}
target "default" {
  tags = [f("a", "b")]
}
