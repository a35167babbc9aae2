variable "B" { default = true }
variable "N" { default = 3 }
target "default" {
  args = { B = B, N = N }
}
