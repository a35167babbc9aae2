target "app" { args = { X = substr(["a"], 0, 1) } }
