target "app" { cache-from = ["type=gha", 1] }
