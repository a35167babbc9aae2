group "default" {
  targets = ["a"]
  matrixx = 1
}
target "a" {}
