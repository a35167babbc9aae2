target "src" {
  tags = ["file"]
}
target "default" {
  tags = target.src.tags
}
