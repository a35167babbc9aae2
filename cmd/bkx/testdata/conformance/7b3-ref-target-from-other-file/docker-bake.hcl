target "default" {
  tags = target.other.tags
}
