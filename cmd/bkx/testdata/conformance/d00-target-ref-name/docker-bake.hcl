target "a" {
  description = "${target.b.name}"
}
target "b" {
  tags = ["x"]
}
