target "app" { description = 12 }
