target "app" { output = [{ type = "local", dest = 1 }] }
