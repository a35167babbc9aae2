target "src" {
  attest = [{ type = "sbom" }]
}
target "default" {
  attest = target.src.attest
}
