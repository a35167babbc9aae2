variable "X" { default = "1" }
target "a" {}
