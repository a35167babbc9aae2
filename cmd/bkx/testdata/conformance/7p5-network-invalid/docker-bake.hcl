target "default" {
  network = "bogus"
}
