target "default" {
  attest = [null]
}
