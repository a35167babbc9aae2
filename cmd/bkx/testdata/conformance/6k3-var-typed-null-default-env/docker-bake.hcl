variable "N" {
  type = number
  default = null
}
variable "L" {
  type = list(string)
  default = null
}
target "default" { args = { N = N, L = join(",", L) } }
