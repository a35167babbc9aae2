target "base" {
  args = { A = "1", B = "1" }
  labels = { a = "1", b = "1" }
  contexts = { c1 = "docker-image://one", c2 = "docker-image://two" }
  extra-hosts = { h1 = "1.1.1.1", h2 = "2.2.2.2" }
}
target "child" {
  inherits = ["base"]
  args = { B = "2", C = "2" }
  labels = { b = "2" }
  contexts = { c2 = "docker-image://override" }
  extra-hosts = { h2 = "9.9.9.9", h3 = "3.3.3.3" }
}
