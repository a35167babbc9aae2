group "g" { targets = ["a"] }
target "a" { tags = ["a"] }
