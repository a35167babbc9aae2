target "default" {
  contexts = ["a"]
}
