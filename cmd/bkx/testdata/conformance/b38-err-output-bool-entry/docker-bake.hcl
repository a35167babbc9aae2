target "app" { output = [true] }
