target "default" {
  cache-from = ["type=registry,\"ref=a,b\""]
  cache-to = ["type=local,dest=\"x y\""]
}
