target "app" { tags = ["other"] }
