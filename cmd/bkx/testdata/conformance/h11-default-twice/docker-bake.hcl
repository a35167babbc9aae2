target "a" { tags = ["a"] }
target "default" { tags = ["d"] }
