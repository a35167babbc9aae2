target "t_2" {
  shm-size = "1g"
  description = "a,b"
}
