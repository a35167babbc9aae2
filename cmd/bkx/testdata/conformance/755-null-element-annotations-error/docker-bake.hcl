target "default" {
  annotations = [null]
}
