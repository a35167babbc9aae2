variable "A" {
  type = bool
  default = false
}
target "default" { args = { A = A } }
