variable "A" { type = number }
variable "B" { type = number }
variable "C" { type = number }
variable "D" { type = number }
target "default" { args = { A = A, B = B, C = C, D = D } }
