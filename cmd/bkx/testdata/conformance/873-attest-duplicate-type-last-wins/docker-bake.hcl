target "default" {
  attest = ["type=sbom,generator=a", "type=provenance,mode=max", "type=sbom,generator=b"]
}
