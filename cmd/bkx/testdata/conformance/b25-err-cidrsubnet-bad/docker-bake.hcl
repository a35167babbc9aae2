target "app" { args = { X = cidrsubnet("10.0.0.0/8", 30, 0) } }
