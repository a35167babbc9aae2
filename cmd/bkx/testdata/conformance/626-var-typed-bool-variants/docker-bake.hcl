variable "A" { type = bool }
variable "B" { type = bool }
variable "C" { type = bool }
variable "D" {
  type = bool
  default = true
}
target "default" {
  args = { A = A, B = B, C = C, D = D }
}
