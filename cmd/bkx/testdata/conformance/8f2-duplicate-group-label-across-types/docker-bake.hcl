group "x" { targets = ["a"] }
group "x" { targets = ["b"] }
group "default" { targets = ["x"] }
target "a" {}
target "b" {}
