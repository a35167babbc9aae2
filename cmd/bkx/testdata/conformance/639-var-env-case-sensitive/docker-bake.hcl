variable "lower" { default = "d" }
variable "Mixed" { default = "d" }
target "default" { args = { L = lower, M = Mixed } }
