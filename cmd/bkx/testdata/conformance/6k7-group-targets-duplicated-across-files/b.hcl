group "g" { targets = ["y", "z"] }
target "z" {}
