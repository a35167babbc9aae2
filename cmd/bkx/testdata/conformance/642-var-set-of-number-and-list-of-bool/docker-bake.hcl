variable "SN" {
  type = set(number)
  default = []
}
variable "LB" {
  type = list(bool)
  default = []
}
target "default" { args = { SN = jsonencode(SN), LB = jsonencode(LB) } }
