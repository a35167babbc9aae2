target "app" { args = { O = "1" } }
