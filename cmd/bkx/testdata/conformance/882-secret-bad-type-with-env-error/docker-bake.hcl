target "default" {
  secret = ["id=a,type=bogus,env=X"]
}
