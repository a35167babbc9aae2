target "default" {
  cache-to = null
}
