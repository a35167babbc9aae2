target "default" {
  tags = ["a", "a", "", "b", "a", ""]
}
