group "app" { targets = ["app-a"] }
target "app-a" { tags = ["a"] }
target "app" { tags = ["standalone"] }
