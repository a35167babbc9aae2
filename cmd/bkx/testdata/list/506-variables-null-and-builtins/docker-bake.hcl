variable "A" {}
variable "B" { default = null }
variable "C" { type = string }
variable "D" { default = 3 }
variable "E" { default = ["x"] }
variable "F" {
  type = map(string)
  default = { k = "v" }
}
variable "G" { default = true }
K = "const"
target "default" {
  args = { A = A, B = B, C = C, D = D, E = length(E), F = F.k, G = G, K = K, CMD = BAKE_CMD_CONTEXT }
}
