target "default" {
  tags = [for c in "abc" : c]
}
