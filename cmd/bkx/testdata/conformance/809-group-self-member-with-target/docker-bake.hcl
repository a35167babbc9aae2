group "g" { targets = ["g", "t"] }
target "t" {}
