target "web" {
  tags = ["fromhcl"]
}
