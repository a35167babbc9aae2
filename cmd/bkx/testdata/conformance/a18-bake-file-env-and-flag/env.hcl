target "app" { tags = ["env"] }
