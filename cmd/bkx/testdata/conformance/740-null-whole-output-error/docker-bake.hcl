target "default" {
  output = null
}
