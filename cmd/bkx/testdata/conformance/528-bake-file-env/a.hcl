target "x" { tags = ["from-a"] }
