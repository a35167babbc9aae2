target "app" { output = [] }
