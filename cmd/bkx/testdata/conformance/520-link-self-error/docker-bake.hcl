target a { contexts = { y = "target:a" } }
