target "base" { args = { B = "1" } }
target "app" { inherits = ["base"] }
