variable "N" {
  type = number
  default = 0
}
target "default" { args = { N = N } }
