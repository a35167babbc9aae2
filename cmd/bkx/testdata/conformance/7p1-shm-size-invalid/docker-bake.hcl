target "default" {
  shm-size = "12xb"
}
