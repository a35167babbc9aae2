target "app" { contexts = { a = { b = "c" } } }
