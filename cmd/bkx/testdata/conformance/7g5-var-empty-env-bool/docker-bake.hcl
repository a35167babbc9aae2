variable "B" {
  type = bool
  default = true
}
target "default" {
  args = { B = B }
}
