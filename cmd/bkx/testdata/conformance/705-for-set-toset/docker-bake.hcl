target "default" {
  tags = [for v in toset(["b", "a", "b", "c"]) : "t-${v}"]
}
