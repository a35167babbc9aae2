target "default" {
  tags = [1, true, "x"]
  platforms = ["linux/amd64"]
}
