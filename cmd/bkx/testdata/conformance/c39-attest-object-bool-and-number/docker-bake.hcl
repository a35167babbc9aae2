target "app" { attest = [{ type = "provenance", disabled = true }, { type = "sbom", generator = 1 }] }
