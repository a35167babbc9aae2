target "default" {
  secret = ["id=z,env=Z", "id=a,env=A", "id=z,env=Z2"]
}
