target "default" {
  cache-from = ["type=registry,ref=a", "type=registry,ref=b", "type=registry,ref=a", "type=registry,ref=c", "type=registry,ref=d"]
  cache-to = ["type=inline", "type=local,dest=x", "type=inline", "type=local,dest=y"]
}
