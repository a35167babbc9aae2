group "g" {
  targets = ["a"]
}
target "a" {}
target "default" {
  tags = group.g.targets
}
