target "a" {
  ssh = ["k1=key"]
}
target "default" {
  inherits = ["a"]
  ssh = ["k2=key", "k1=key"]
}
