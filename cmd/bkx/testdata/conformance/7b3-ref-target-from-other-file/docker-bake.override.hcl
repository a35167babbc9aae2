target "other" {
  tags = ["o"]
}
