target "default" {
  attest = ["type=provenance,mode=max"]
}
