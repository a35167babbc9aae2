target "a" {
  cache-from = ["type=registry, ref=x"]
  attest = ["type=sbom, generator=x"]
  output = ["type=local, dest=o"]
}
