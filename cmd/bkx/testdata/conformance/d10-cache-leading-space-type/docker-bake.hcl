target "a" {
  cache-to = [" type=inline"]
}
