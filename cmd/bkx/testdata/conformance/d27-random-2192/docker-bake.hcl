target "api" {
  tags = ["fromhcl"]
}
