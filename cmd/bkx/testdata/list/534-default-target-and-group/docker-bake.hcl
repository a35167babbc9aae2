group "default" { targets = ["b"] }
target "default" { tags = ["t"] }
target "b" {}
