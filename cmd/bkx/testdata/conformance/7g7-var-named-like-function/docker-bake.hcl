variable "upper" { default = "val" }
target "default" {
  args = { A = upper, B = upper("x") }
}
