target "default" {
  labels = { a = { b = "c" } }
}
