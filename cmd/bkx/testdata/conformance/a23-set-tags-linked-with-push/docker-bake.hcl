target "dep" {}
target "app" {
  tags = ["r/app"]
  contexts = { d = "target:dep" }
}
