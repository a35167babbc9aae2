target "default" {
  args = { N = length("abc") }
}
