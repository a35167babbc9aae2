target "a" { attest = ["type=sbom,disabled=true"] }
