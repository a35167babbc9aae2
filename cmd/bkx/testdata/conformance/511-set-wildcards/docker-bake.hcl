target "app-a" { args = { X = "file" } }
target "app-b" {}
target "tool" {}
