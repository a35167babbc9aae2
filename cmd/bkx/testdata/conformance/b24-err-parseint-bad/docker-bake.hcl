target "app" { args = { X = parseint("zz", 10) } }
