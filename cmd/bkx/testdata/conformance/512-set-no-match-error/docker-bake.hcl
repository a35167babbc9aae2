target "a" {}
