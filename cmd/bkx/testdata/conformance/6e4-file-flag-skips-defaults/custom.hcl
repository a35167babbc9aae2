target "default" { tags = ["custom"] }
