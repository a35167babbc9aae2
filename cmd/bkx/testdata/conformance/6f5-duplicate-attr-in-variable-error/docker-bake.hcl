variable "V" {
  default = "a"
  default = "b"
}
target "default" {}
