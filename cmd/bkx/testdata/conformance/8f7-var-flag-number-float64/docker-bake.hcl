variable "N" { default = 1 }
variable "M" {
  type = number
  default = 1
}
target "default" { args = { N = N, M = M } }
