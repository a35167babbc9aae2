target "a" {
  secret = ["id=z,env=Z", "id=m,env=M"]
}
target "default" {
  inherits = ["a"]
  secret = ["id=a,env=A", "id=m,env=OTHER", "id=b,env=B"]
}
