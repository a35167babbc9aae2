target "app" { args = { A = "a\tb", B = "c\rd", C = "q\"q", D = "back\\slash" } }
