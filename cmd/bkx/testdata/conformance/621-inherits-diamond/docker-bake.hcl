target "root" {
  args = { R = "root", X = "root" }
  cache-from = ["type=registry,ref=root"]
}
target "l" {
  inherits = ["root"]
  args = { X = "l" }
}
target "r" {
  inherits = ["root"]
  args = { X = "r" }
  cache-from = ["type=registry,ref=r"]
}
target "d" { inherits = ["l", "r"] }
