target "default" {
  call = "bogus"
}
