target "a" {}
target "default" {
  inherits = "a"
}
