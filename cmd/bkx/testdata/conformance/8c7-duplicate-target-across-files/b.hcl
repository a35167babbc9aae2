target "default" {
  labels = { from = "b", extra = "b" }
  output = ["type=cacheonly"]
}
