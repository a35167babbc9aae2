variable {
  default = "x"
}
target "default" {}
