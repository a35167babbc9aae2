target "a" {
  args = { E = "file" }
  tags = ["t"]
}
