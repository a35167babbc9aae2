variable "TAG" {
  default = "v1"
  sensitive = true
  nullable = false
}
target "default" {
  tags = ["x:${TAG}"]
}
