group "default" { targets = ["m", "plain"] }
target "m" {
  name = "m-${v}"
  matrix = { v = ["x", "y"] }
}
target "plain" {}
