target "a" { output = ["out/dir"] }
target "b" { output = ["-"] }
