target "p1" {
  dockerfile = "p1"
  target = "p1"
  args = { A = "p1", B = "p1" }
  platforms = ["linux/amd64"]
  pull = true
}
target "p2" {
  dockerfile = "p2"
  args = { A = "p2" }
  pull = false
  no-cache = true
}
target "c" { inherits = ["p1", "p2"] }
