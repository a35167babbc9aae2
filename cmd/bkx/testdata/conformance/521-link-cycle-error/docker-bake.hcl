target a { contexts = { x = "target:b" } }
target "b" { contexts = { y = "target:a" } }
