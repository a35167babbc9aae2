target "tool" {
  contexts = { "alpine" = "target:app", ctx = "target:t-1" }
  annotations = []
}
