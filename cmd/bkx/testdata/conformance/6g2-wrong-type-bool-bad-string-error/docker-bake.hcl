target "default" {
  pull = "yes"
}
