target "default" {
  tags = ["a"]
  cache-from = ["type=registry,ref=r"]
  annotations = ["x=1"]
}
