target "m" {
  matrix = { v = ["a", "b"] }
  name = "m-${v}"
  tags = ["m:${v}"]
}
target "default" {
  tags = target.m.tags
}
