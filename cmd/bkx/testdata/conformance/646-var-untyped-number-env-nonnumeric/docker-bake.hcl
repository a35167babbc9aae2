variable "N" { default = 1 }
variable "F" { default = 1.5 }
target "default" {
  args = { N = N, F = F }
  tags = ["t-${N}"]
}
