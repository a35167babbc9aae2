target "a" {
  contexts = { x = "docker-image://a", y = "docker-image://a" }
}
target "b" {
  inherits = ["a"]
  contexts = { y = "docker-image://b", z = "docker-image://b" }
}
target "default" {
  inherits = ["b"]
  contexts = { z = "docker-image://c" }
}
