target "dep" { tags = ["r/dep"] }
target "app" {
  tags = ["r/app"]
  contexts = { d = "target:dep" }
}
