target "default" {
  secret = [null]
}
