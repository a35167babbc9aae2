target "app" { args = { T = "two" } }
