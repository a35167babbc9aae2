group "g" { targets = ["x", "y"] }
target "x" {}
target "y" {}
