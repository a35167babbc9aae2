variable "N" {
  type = number
  default = "42"
}
variable "S" {
  type = string
  default = 7
}
variable "L" {
  type = list(string)
  default = [1, true]
}
target "default" { args = { N = N + 1, S = "${S}x", L = jsonencode(L) } }
