target "default" {
  cache-from = ["ref=x"]
}
