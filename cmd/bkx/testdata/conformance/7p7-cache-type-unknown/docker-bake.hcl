target "default" {
  cache-from = ["type=bogus,ref=x"]
}
