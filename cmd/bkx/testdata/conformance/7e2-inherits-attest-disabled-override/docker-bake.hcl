target "a" {
  attest = ["type=sbom"]
}
target "default" {
  inherits = ["a"]
  attest = ["type=sbom,disabled=true"]
}
