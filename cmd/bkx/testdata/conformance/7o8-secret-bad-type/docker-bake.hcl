target "default" {
  secret = ["type=bogus,id=x"]
}
