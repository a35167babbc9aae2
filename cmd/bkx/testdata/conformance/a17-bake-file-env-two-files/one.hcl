target "app" { tags = ["one"] }
