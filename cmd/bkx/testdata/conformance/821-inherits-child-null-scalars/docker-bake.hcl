target "base" {
  target = "t"
  dockerfile = "b.Dockerfile"
  no-cache = true
  pull = true
}
target "child" {
  inherits = ["base"]
  target = null
  dockerfile = null
  no-cache = null
  pull = false
}
