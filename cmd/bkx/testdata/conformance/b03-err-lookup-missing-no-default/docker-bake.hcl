target "app" { args = { X = lookup({a = "1"}, "b") } }
