target "app" { cache-to = [false] }
