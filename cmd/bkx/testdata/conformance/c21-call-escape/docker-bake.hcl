target "app" { call = "check" }
