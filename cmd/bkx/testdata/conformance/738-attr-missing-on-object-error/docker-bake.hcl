variable "O" { default = { a = 1 } }
target "default" {
  args = { A = O.b }
}
