function "f" {
  params = ["a"]
  result = "x"
}
target "default" {
  tags = [f("q")]
}
