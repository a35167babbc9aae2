target "src" {
  secret = ["id=x,env=X"]
}
target "default" {
  secret = target.src.secret
}
