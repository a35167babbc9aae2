target "base" {}
target "src" {
  inherits = ["base"]
}
target "default" {
  tags = target.src.inherits
}
