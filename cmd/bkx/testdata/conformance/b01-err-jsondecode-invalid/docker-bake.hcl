target "app" { args = { X = jsondecode("{bad") } }
