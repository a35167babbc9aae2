group "default" { targets = ["app"] }
group "app" { targets = ["app-a", "app-b"] }
target "app-a" {}
target "app-b" {}
target "app" { tags = ["standalone"] }
