target "app" {
  matrix = {}
  tags = ["t"]
}
