target "default" { args = { EMPTY = "file" } }
