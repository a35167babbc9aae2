target "p" {
  tags = ["p"]
  platforms = ["linux/arm64"]
  annotations = ["a=1"]
}
target "default" {
  inherits = ["p"]
  tags = [""]
  platforms = [""]
  annotations = [""]
}
