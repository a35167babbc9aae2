target "default" {
  attest = [{type = "sbom", generator = null}]
}
