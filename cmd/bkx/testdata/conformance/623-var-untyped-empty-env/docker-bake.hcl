variable "S" { default = "def" }
variable "N" { default = 5 }
variable "B" { default = true }
target "default" {
  args = { S = S, N = N, B = B }
}
