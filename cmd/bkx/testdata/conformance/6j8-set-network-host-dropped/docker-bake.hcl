target "a" { network = "none" }
