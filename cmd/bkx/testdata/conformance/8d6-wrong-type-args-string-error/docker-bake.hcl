target "default" {
  args = "A=1"
}
