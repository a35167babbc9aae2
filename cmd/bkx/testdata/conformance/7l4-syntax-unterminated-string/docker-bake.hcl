target "default" {
  tags = ["a]
}
