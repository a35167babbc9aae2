variable "M" {
  type = map(number)
  default = {}
}
variable "O" {
  type = object({ a = string, b = bool })
  default = { a = "x", b = false }
}
target "default" {
  args = { M = jsonencode(M), O = jsonencode(O) }
}
