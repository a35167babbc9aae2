target "app" { tags = ["flag"] }
