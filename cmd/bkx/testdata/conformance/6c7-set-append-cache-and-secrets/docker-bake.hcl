target "a" {
  cache-to = ["type=registry,ref=r"]
  secret = ["id=a,env=A"]
  output = ["type=local,dest=o"]
}
