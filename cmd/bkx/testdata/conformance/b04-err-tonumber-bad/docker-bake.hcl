target "app" { args = { X = tonumber("abc") } }
