target "default" { tags = ["base"] }
