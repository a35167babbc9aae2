variable "M" {
  type = map(number)
  default = {}
}
variable "MS" {
  type = map(string)
  default = { d = "d" }
}
target "default" {
  args = { M = jsonencode(M), MS = jsonencode(MS) }
}
