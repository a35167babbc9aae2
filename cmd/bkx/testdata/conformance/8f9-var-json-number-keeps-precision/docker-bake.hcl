variable "L" {
  type = list(number)
  default = []
}
target "default" { args = { L = jsonencode(L) } }
