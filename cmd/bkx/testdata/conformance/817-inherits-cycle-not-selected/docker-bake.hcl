target "a" { inherits = ["b"] }
target "b" { inherits = ["a"] }
target "ok" { tags = ["ok"] }
