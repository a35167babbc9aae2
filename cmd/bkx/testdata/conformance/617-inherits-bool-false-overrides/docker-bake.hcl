target "base" {
  pull = true
  no-cache = true
  network = "host"
  shm-size = "1g"
  description = "base desc"
  call = "check"
  dockerfile-inline = "FROM base"
}
target "child" {
  inherits = ["base"]
  pull = false
  network = "none"
}
