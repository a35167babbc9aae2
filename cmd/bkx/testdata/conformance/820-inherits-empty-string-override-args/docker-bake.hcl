target "base" {
  args = { A = "x", B = "y" }
  dockerfile = "base.Dockerfile"
  network = "host"
}
target "child" {
  inherits = ["base"]
  args = { A = "" }
  network = ""
}
