target "default" { tags = ["x"] }
