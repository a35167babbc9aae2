group "g" { targets = ["g", "a"] }
target "a" {}
