target "default" {
  context = ["."]
}
