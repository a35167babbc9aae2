target "default" {
  target = ["a"]
}
