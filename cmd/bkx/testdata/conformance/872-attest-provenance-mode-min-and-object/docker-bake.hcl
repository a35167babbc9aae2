target "default" {
  attest = [
    { type = "provenance", mode = "min", builder-id = "https://example.com" },
    "type=sbom,generator=img:1,param=x",
  ]
}
