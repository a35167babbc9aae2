group "default" { targets = ["a", "b"] }
target "a" { pull = true }
target "b" {}
