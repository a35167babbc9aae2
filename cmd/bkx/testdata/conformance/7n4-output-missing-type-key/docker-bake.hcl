target "default" {
  output = ["dest=out"]
}
