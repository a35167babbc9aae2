target "default" { ssh = ["a"] }
