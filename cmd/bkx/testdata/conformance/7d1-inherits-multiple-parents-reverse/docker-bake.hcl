target "p1" {
  args = { A = "p1", B = "p1" }
  tags = ["p1"]
  cache-from = ["type=registry,ref=p1"]
  dockerfile = "D1"
}
target "p2" {
  args = { B = "p2", C = "p2" }
  tags = ["p2"]
  cache-from = ["type=registry,ref=p2"]
}
target "default" {
  inherits = ["p2", "p1"]
}
