target "default" {
  attest = null
}
