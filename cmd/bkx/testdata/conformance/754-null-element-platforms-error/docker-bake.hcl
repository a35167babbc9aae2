target "default" {
  platforms = ["linux/amd64", null]
}
