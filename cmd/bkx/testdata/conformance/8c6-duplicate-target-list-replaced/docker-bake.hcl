target "default" {
  tags = ["one"]
  platforms = ["linux/amd64"]
}
target "default" {
  tags = ["two"]
}
