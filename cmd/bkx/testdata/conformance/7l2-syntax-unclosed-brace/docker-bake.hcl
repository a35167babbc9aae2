target "default" {
  tags = ["a"]
