locals {
  x = 1
}
target "default" {}
