target "app" { secret = [{ id = "a", env = ["x"] }] }
