group "default" {
  targets = ["a"]
}
group "g" {
  targets = ["b"]
}
target "a" {}
target "b" {}
