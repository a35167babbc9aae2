target "default" {
  attest = ["type=provenance,disabled=true", "type=sbom,disabled=false"]
}
