target "a" "b" {
}
target "default" {}
