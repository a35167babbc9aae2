variable "O" {
  type = object({ name = string, n = optional(number) })
  default = { name = "x" }
}
target "default" {
  args = { NAME = O.name, N = O.n }
}
