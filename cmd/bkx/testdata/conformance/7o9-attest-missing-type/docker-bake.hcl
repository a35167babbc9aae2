target "default" {
  attest = ["mode=max"]
}
