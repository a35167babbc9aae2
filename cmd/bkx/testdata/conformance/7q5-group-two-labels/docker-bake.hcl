group "a" "b" {
  targets = []
}
target "default" {}
