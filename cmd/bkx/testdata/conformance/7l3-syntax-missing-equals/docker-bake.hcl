target "default" {
  tags ["a"]
}
