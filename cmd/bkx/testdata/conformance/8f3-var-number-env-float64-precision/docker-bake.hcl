variable "N" {
  type = number
  default = 0
}
target "default" { args = { N = N, N1 = N + 1 } }
