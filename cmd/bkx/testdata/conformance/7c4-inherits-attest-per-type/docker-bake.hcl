target "a" {
  attest = ["type=sbom", "type=provenance,mode=min"]
}
target "default" {
  inherits = ["a"]
  attest = ["type=provenance,mode=max"]
}
