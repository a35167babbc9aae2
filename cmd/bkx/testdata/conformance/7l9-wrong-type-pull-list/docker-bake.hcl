target "default" {
  pull = ["true"]
}
