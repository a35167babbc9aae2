group "a" { targets = ["b", "t"] }
group "b" { targets = ["a"] }
target "t" { tags = ["t"] }
