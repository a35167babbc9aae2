target "app" { platforms = ["Linux/AMD64", "linux/arm64/v8"] }
