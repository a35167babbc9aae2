target "a" {
  output = [{ type = "image", push = true, n = 1, name = "x,y" }]
  secret = [{ id = "x", env = "y" }]
  cache-from = [{ type = "registry", ref = "a" }]
  cache-to = [{ type = "local", dest = "d", mode = "max" }]
  attest = [{ type = "provenance", mode = "min" }, "type=sbom,generator=x"]
}
