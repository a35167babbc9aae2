variable "L" {
  type = list(number)
  default = []
}
variable "M" {
  type = map(number)
  default = {}
}
target "default" { args = { L = jsonencode(L), M = jsonencode(M) } }
