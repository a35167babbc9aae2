group "default" { targets = ["app", "lib"] }
target "lib" { output = ["type=docker"] }
target "app" { contexts = { lib = "target:lib" } }
