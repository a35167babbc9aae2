target "default" {
  description = ["x"]
}
