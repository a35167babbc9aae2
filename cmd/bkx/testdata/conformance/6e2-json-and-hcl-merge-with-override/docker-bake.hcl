target "app" {
  args = { B = V }
}
