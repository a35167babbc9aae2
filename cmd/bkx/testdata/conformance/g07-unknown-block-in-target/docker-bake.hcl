target "default" {
  tags = ["x"]
  lifecycle {
    ignore = true
  }
}
