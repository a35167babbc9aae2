target "default" {
  output = ["a,b"]
}
