target "src" {
}
target "default" {
  tags = target.src.tags
}
