target "default" { args = { X = "default-file" } }
