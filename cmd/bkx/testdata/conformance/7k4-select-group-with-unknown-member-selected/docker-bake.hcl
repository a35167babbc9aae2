group "bad" {
  targets = ["missing"]
}
target "default" {}
