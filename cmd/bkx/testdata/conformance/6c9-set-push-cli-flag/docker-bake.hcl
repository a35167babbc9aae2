target "a" {
  tags = ["x"]
  output = ["type=docker"]
}
