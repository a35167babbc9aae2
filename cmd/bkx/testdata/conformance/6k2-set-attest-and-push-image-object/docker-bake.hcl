target "a" {
  output = [{ type = "image", name = "x" }, "type=local,dest=o"]
  attest = ["type=sbom"]
}
