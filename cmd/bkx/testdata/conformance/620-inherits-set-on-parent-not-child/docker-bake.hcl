target "base" {
  tags = ["base"]
  args = { S = "base" }
}
target "child" { inherits = ["base"] }
