target "src" {
  args = { A = "1", B = "2" }
  labels = { l = "v" }
}
target "default" {
  args = merge(target.src.args, { C = "3" })
  labels = target.src.labels
}
