target "b" {}
target "a" {}
