target "app" { attest = [1] }
