target "app" { cache-from = [{ type = "registry", ref = ["a"] }] }
