target "b" {
  tags = ["file"]
  platforms = ["linux/amd64"]
}
