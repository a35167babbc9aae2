target "a" { description = "old" }
