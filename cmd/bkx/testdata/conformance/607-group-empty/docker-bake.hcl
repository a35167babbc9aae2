group "empty" { targets = [] }
target "a" {}
