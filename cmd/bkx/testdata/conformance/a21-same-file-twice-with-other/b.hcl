target "app" {
  tags = ["b"]
  args = { B = "1" }
}
