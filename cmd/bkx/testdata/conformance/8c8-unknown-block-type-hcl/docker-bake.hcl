services "x" {
  image = "y"
}
target "default" {}
