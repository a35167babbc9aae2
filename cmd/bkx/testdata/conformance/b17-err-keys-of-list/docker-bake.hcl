target "app" { tags = keys(["a"]) }
