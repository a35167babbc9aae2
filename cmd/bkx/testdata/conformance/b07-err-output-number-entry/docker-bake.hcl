target "app" { output = [1] }
