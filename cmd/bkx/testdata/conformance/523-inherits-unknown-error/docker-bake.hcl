target a { inherits = ["nope"] }
