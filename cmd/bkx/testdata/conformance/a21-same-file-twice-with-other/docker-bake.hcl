target "app" { tags = ["a"] }
