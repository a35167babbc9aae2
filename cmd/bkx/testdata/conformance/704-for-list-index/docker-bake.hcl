target "default" {
  tags = [for i, v in ["x", "y", "z"] : "${i}-${v}" if i % 2 == 0]
}
