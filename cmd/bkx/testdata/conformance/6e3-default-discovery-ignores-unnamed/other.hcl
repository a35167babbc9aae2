target "default" { tags = ["from-other"] }
