variable "A" { default = "def" }
variable "B" {
  type = list(string)
  default = []
}
target "default" {
  args = { A = A, B = join("+", B) }
}
