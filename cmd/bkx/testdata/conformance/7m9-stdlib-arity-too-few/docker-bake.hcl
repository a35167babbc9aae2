target "default" {
  tags = [replace("a", "b")]
}
