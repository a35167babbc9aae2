target "default" {
  tags = true ? ["a"] : "b"
}
