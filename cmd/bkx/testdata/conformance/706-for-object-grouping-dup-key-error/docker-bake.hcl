target "default" {
  args = { for v in ["a", "a"] : v => v }
}
