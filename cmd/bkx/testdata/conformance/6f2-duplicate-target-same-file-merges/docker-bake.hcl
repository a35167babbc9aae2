target "default" {
  tags = ["first"]
  args = { A = "1" }
  cache-from = ["type=registry,ref=one"]
}
target "default" {
  args = { B = "2" }
  cache-from = ["type=registry,ref=two"]
  dockerfile = "second"
}
