variable "A" { type = number }
variable "B" { type = number }
variable "C" { type = number }
variable "D" { default = 0 }
target "default" { args = { A = A, B = B, C = C, D = D } }
