target "app" { output = [{ type = "local", dest = ["a"] }] }
