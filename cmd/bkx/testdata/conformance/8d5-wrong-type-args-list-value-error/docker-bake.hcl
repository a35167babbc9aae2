target "default" {
  args = { L = ["a"] }
}
