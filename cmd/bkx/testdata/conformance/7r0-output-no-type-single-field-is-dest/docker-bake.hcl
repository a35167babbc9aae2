target "default" {
  output = ["name=x"]
}
