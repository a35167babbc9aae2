target "default" {
  depends_on = ["x"]
}
