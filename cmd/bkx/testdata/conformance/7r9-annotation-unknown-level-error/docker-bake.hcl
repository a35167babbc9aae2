target "default" {
  annotations = ["bogus:k=v"]
}
