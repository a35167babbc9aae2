target "default" {
  annotations = ["novalue"]
}
