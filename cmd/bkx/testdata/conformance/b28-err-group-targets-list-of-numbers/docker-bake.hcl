group "default" { targets = [1] }
target "app" {}
target "1" {}
