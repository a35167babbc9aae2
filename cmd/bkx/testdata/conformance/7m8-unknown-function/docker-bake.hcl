target "default" {
  tags = [nosuchfn("a")]
}
