target "default" {
  secret = ["id=token.txt"]
}
