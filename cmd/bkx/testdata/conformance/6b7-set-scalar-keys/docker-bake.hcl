target "a" {
  pull = true
  no-cache = true
  network = "none"
  platforms = ["linux/386"]
  shm-size = "1g"
}
