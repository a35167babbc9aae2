target "app" {
  args = { FROM_OVERRIDE = "1" }
}
