variable "B" {
  type = bool
  default = false
}
variable "N" {
  type = number
  default = 1
}
target "default" {
  args = { B = B, N = N * 2, BB = B ? "yes" : "no" }
}
