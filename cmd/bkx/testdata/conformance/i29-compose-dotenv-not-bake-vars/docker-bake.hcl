variable "V" { default = "def" }
target "h" { args = { V = V } }
