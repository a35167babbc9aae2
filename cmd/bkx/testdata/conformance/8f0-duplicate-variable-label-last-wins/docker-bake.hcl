variable "X" { default = "first" }
variable "X" { default = "second" }
target "default" { args = { X = X } }
