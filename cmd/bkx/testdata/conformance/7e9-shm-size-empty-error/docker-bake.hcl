target "default" {
  shm-size = ""
}
