target "default" {
  dockerfile = "-"
}
