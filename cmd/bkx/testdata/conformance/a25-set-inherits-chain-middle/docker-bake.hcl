target "root" { args = { R = "r", M = "root" } }
target "mid" {
  inherits = ["root"]
  args = { M = "mid" }
}
target "app" { inherits = ["mid"] }
