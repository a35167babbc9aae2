target "default" {
  no-cache = 2
}
