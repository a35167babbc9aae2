target "a" {
  tags = ["a"]
  args = { A = "1", B = "2" }
  target = "stage"
  dockerfile = "D"
}
target "default" {
  inherits = ["a"]
  tags = null
  args = { A = null }
  target = null
  dockerfile = null
}
