group "default" {
  targets = ["extra"]
}
target "extra" {}
