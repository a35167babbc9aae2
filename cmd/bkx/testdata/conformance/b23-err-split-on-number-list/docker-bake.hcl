target "app" { tags = split(",", ["a"]) }
