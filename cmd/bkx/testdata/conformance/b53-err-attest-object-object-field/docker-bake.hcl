target "app" { attest = [{ type = "sbom", generator = { a = "b" } }] }
