target "default" {
  secret = ["id=missing,src=does-not-exist.txt"]
}
