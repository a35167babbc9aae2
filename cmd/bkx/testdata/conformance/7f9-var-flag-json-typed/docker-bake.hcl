variable "O" {
  type = object({ a = string, b = list(number) })
  default = { a = "x", b = [] }
}
target "default" {
  args = { A = O.a, B = jsonencode(O.b) }
}
