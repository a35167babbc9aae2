group "app" { targets = ["x"] }
target "app" { tags = ["app-target"] }
target "app-2" { tags = ["two"] }
target "x" { tags = ["x"] }
