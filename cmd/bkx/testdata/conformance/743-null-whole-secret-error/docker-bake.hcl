target "default" {
  secret = null
}
