variable "A" { default = "a" }
variable "B" { default = A }
target "default" { tags = [A, B] }
