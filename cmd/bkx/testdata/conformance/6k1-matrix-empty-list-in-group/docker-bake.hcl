group "default" { targets = ["m", "a"] }
target "m" {
  name = "m-${v}"
  matrix = { v = [] }
}
target "a" {}
