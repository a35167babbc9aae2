target "default" {
  args = { H = cidrhost("10.0.0.0/30", 4) }
}
