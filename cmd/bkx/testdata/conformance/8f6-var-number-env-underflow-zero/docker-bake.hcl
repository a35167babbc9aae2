variable "N" { default = 1 }
target "default" { args = { N = N } }
