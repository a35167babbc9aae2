TOP = "prod"
target "a" {
  tags = [TOP]
}
