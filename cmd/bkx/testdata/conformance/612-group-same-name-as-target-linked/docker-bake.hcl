group "lib" { targets = ["lib-a"] }
target "lib" { tags = ["lib"] }
target "lib-a" {}
target "top" { contexts = { l = "target:lib" } }
