target "default" {
  args = { A = "1" }
}
target "default" {
  args = { A = "2" }
  labels = { l = "x" }
}
target "default" {
  tags = ["t"]
}
