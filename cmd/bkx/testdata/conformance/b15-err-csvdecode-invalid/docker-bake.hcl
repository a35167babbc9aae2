target "app" { args = { X = jsonencode(csvdecode("a,b\n\"x")) } }
