target "app" { args = { X = format("%d", "abc") } }
