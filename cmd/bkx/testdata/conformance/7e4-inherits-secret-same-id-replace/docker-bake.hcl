target "a" {
  secret = ["id=s,env=A"]
}
target "b" {
  inherits = ["a"]
  secret = ["id=s,src=file.txt"]
}
target "default" {
  inherits = ["b"]
}
