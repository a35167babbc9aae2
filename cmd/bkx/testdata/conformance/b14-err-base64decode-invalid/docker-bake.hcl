target "app" { args = { X = base64decode("!!!") } }
