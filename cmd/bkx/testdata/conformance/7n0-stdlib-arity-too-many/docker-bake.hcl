target "default" {
  tags = [upper("a", "b")]
}
