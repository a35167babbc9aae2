target "dep" { tags = ["r/dep"] }
target "app" { contexts = { d = "target:dep" } }
