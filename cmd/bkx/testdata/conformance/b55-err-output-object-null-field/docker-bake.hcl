target "app" { output = [{ type = "local", dest = null }] }
