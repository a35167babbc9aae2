variable "V" {
  type = string
  default = "x"
}
variable "U" { default = "x" }
target "default" {
  args = { V = V, U = U, VEQ = V == "1.0", UEQ = U == "1.0" }
  tags = ["t:${V}", "u:${U}"]
}
