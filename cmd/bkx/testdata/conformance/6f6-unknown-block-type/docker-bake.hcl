builder "x" { driver = "remote" }
target "default" { tags = ["x"] }
