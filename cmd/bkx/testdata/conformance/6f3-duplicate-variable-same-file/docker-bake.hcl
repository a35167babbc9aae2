variable "V" { default = "one" }
variable "V" { default = "two" }
target "default" { args = { V = V } }
