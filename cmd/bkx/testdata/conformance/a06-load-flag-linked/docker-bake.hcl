target "dep" {}
target "app" { contexts = { d = "target:dep" } }
