target "default" {
  tags = [["a"][3]]
}
