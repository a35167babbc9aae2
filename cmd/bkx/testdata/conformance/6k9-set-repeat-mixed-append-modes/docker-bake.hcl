target "a" {
  secret = ["id=old,env=OLD"]
  tags = ["file"]
  cache-from = ["type=registry,ref=f"]
  platforms = ["linux/amd64"]
}
