target "default" {
  context = "-"
}
