target "a" {
  ssh = ["c=key.pem"]
  secret = ["id=z,env=Z"]
}
