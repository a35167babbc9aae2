target "app" { secret = [1] }
