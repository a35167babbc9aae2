target "t" {
  tags = ["hcl"]
}
