target "t_2" {
  attest = ["type=sbom,disabled=true"]
}
