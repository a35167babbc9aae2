target "app" { ulimits = ["nofile=1024:2048"] }
