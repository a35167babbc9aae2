group "g" { targets = ["a"] }
target "a" { tags = ["a"] }
target "c" { inherits = ["g"] }
