variable "EXTRA_TAG" { default = "" }
target "default" {
  tags = ["app:1", EXTRA_TAG]
}
