target "a" {
  contexts = { x = "docker-image://a" }
}
target "default" {
  inherits = ["a"]
  contexts = { x = "" }
}
