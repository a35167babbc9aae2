target "app" { tags = [regex("(", "abc")] }
