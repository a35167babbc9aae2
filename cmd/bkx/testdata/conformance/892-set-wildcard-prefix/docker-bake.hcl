group "default" { targets = ["app-a", "app-b", "lib"] }
target "app-a" {}
target "app-b" { args = { X = "file" } }
target "lib" {}
