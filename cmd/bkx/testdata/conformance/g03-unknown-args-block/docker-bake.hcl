target "default" {
  args {
    A = "1"
  }
  labels = { L = "1" }
}
