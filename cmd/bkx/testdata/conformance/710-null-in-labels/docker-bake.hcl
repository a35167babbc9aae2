target "default" {
  labels = { a = null, b = "x" }
}
