target "default" {
  output = ["type=bogus"]
}
