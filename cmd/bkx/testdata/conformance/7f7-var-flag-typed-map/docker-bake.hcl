variable "M" {
  type = map(string)
  default = {}
}
target "default" {
  args = M
}
