target a { contexts = { y = "target:nope" } }
