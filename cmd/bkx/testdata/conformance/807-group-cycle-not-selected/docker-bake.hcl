group "a" { targets = ["b"] }
group "b" { targets = ["a"] }
target "t" { tags = ["t"] }
