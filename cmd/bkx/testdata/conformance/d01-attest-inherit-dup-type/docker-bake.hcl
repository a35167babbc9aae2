target "p" {
  attest = ["type=sbom", "type=sbom,disabled=true"]
}
target "c" {
  inherits = ["p"]
  attest = ["type=sbom"]
}
