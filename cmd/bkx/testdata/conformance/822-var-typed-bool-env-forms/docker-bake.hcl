variable "A" {
  type = bool
  default = true
}
variable "B" {
  type = bool
  default = true
}
variable "C" {
  type = bool
  default = false
}
variable "N" {
  type = number
  default = 0
}
target "default" {
  args = { A = A, B = B, C = C, N = N, SUM = N + 1 }
  no-cache = A
  pull = C
}
