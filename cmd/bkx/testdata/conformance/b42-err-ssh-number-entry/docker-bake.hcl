target "app" { ssh = [2] }
