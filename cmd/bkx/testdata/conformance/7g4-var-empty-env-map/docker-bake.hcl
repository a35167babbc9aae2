variable "M" {
  type = map(string)
  default = { a = "1" }
}
target "default" {
  args = M
}
