target "dep" { tags = ["dep"] }
target "common" { contexts = { dep = "target:dep" } }
target "app" { inherits = ["common"] }
