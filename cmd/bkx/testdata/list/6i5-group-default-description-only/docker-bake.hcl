group "default" {
  description = "main"
  targets = ["a"]
}
target "a" {}
