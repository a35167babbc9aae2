target "base" {
  args = { A = "base" }
  tags = ["base"]
}
target "mid" {
  inherits = ["base"]
}
target "default" {
  tags = target.mid.tags
  args = target.mid.args
}
