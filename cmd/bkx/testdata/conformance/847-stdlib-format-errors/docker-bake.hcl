target "default" {
  args = { X = format("%d", "abc") }
}
