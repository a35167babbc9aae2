target "web" {
  context = "hcl"
}
