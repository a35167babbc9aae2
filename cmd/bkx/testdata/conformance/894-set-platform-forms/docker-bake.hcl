group "default" { targets = ["a", "b", "c"] }
target "a" { platforms = ["linux/386"] }
target "b" { platforms = ["linux/386"] }
target "c" { platforms = ["linux/386"] }
