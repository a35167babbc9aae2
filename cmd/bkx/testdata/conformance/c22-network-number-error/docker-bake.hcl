target "app" { network = 1 }
