group "g" { targets = ["a"] }
target "a" {}
