target "default" {
  secret = ["src=only.txt"]
}
