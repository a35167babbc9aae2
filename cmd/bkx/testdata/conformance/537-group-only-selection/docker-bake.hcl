group "all" { targets = ["a", "b"] }
group "default" { targets = ["all"] }
target "a" {}
target "b" {}
