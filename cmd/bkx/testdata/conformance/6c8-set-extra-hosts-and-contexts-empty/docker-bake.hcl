target "a" {
  extra-hosts = { h1 = "1.1.1.1" }
  contexts = { c1 = "docker-image://x", c2 = "docker-image://y" }
}
