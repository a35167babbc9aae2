target "a" {
  secret = [{ id = "x", src = null, env = "E" }]
}
