variable "M" {
  type = map(string)
  default = {}
}
target "default" {
  labels = M
}
