group "default" {
  targets = ["a"]
  targets = ["b"]
}
target "a" {}
target "b" {}
