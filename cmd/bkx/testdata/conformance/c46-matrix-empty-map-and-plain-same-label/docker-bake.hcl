target "app" {
  matrix = {}
  tags = ["t"]
}
target "app" { args = { A = "1" } }
