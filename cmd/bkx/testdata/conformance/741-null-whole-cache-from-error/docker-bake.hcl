target "default" {
  cache-from = null
}
