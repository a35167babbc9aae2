target "app" { args = { N = 1.50, M = 1e3, B = true, Z = -0 } }
