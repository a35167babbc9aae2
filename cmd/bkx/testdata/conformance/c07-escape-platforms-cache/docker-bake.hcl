target "app" {
  cache-from = ["type=registry,ref=r/c:$${X}"]
  cache-to = ["type=registry,ref=r/c:%%{Y}"]
}
