target "a" { tags = ["a"] }
target "b" { tags = ["b"] }
group "default" { targets = ["b"] }
