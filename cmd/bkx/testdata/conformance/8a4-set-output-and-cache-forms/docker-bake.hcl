target "default" {
  output = ["type=local,dest=x"]
  cache-from = ["type=local,src=c"]
}
