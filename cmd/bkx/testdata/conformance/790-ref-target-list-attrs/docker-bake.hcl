target "src" {
  tags = ["s:1", "s:2"]
  platforms = ["linux/amd64"]
  cache-from = ["type=registry,ref=c"]
}
target "default" {
  tags = [for t in target.src.tags : "${t}-x"]
  platforms = target.src.platforms
  args = { N = length(target.src.cache-from) }
}
