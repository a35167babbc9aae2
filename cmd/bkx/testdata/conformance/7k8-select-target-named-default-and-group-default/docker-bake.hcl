group "default" {
  targets = ["other"]
}
target "default" {
  tags = ["d"]
}
target "other" {}
