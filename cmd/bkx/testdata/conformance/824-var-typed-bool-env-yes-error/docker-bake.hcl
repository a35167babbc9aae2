variable "B" {
  type = bool
  default = false
}
target "default" { args = { B = B } }
