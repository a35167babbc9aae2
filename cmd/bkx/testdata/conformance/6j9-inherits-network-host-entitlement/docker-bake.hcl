target "base" { network = "host" }
target "child" {
  inherits = ["base"]
  network = "none"
}
