target "common" { output = ["type=registry"] }
target "dep" { inherits = ["common"] }
target "app" { contexts = { d = "target:dep" } }
