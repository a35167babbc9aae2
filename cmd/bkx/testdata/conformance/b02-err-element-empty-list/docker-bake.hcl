target "app" { tags = [element([], 0)] }
