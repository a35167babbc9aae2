variable "N" { default = "5" }
target "default" {
  args = { GT = N > 3, SUM = N + 1 }
}
