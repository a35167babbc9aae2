target "app" { args = { for v in ["a", "a"] : v => v } }
