target "default" {
  tags = ["${"]
}
