variable "S" { type = string }
variable "N" { type = number }
target "default" {
  args = { S = S, N = N, K = "k" }
  labels = { S = S }
}
