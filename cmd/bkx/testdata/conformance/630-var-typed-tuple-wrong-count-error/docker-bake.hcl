variable "T" {
  type = tuple([string, number])
  default = ["a", 1]
}
target "default" { args = { T0 = T[0] } }
