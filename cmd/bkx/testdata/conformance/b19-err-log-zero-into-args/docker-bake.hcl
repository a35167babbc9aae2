target "app" { args = { X = log(0, 10) } }
