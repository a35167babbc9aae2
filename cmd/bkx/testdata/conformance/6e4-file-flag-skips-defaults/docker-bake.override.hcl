target "default" { tags = ["override"] }
