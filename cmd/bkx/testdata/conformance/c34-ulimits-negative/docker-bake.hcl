target "app" { ulimits = ["nofile=-1", "core=0:-1"] }
