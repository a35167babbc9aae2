target "a" {
  annotations = ["a=1", "index:b=2"]
}
target "default" {
  inherits = ["a"]
  annotations = ["c=3", "a=1"]
}
