group "app" { targets = ["app-a", "app"] }
target "app-a" {}
target "app" {}
