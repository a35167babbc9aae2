group "g" {
  matrix = { x = ["a"] }
  targets = ["a"]
}
target "a" {}
