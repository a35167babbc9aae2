target "app" { args = { X = "a" } }
