variable "O" {
  type = object({ name = string, n = number })
  default = { name = "x", n = 1 }
}
target "default" {
  args = { NAME = O.name, N = O.n }
}
