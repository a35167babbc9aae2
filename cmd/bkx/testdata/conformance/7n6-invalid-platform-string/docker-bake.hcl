target "default" {
  platforms = ["not a platform!"]
}
