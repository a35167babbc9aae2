variable "L" { default = ["a", "b"] }
target "default" { args = { L = jsonencode(L) } }
