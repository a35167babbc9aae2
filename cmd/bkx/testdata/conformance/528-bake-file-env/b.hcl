target "x" { args = { B = "b" } }
