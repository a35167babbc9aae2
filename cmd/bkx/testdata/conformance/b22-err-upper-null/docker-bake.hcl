target "app" { args = { X = upper(null) } }
