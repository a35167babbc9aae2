variable "A" {
  type = any
  default = "x"
}
target "default" {
  args = { A = A }
}
