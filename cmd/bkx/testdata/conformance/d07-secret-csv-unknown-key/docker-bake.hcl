target "a" {
  secret = ["id=x,env=E,foo=bar"]
}
