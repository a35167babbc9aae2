target "app" { secret = [{ id = "a", env = 1 }] }
