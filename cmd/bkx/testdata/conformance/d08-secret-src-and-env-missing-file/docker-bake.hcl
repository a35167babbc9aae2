target "a" {
  secret = [{ id = "x", src = "nofile", env = "E" }]
}
