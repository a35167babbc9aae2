target "default" {
  dockerfile = 1
  target = 2.5
  shm-size = 128
  context = true
}
