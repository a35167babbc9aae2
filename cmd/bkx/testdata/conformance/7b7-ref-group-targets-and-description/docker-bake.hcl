group "g" {
  targets = ["a", "b"]
  description = "gd"
}
target "a" {}
target "b" {}
target "default" {
  tags = group.g.targets
  description = group.g.description
}
