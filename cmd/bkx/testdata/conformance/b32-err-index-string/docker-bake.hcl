target "app" { args = { X = "abc"[0] } }
