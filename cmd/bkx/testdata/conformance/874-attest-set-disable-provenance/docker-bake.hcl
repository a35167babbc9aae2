target "default" {
  attest = ["type=provenance,mode=max", "type=sbom"]
}
