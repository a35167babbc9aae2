target "base" {}
target "default" {
  depends-on = ["base"]
  tags = ["x"]
}
