group "grp" { targets = ["b", "a"] }
target "a" { tags = ["a"] }
target "b" { tags = ["b"] }
