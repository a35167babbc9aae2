target "default" {
  tags = target.nope.tags
}
