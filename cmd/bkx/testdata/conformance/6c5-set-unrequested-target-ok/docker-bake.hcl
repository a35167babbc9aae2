target "a" {}
target "b" {}
