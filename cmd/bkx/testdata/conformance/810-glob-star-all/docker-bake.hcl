group "grp" { targets = ["a"] }
target "a" { tags = ["a"] }
target "b" { tags = ["b"] }
