target "app" { tags = [true, 1.0] }
