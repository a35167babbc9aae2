target "default" {
  shm-size = true
}
