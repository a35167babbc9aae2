target "default" {
  secret = [{ env = "X" }]
}
