variable "S" { default = "def" }
variable "N" { default = 1 }
target "default" { args = { S = S, N = N + 1 } }
