variable "N" {
  type = number
  default = 0
}
variable "M" {
  type = number
  default = 0
}
target "default" {
  args = { N = N, M = M, P = N * M }
}
