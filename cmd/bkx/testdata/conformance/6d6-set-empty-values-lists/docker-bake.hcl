target "b" {
  tags = ["file"]
  platforms = ["linux/amd64"]
  cache-from = ["type=registry,ref=x"]
  output = ["type=docker"]
}
