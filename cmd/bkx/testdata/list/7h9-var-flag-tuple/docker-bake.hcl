variable "T" {
  type = tuple([string, number, bool])
  default = ["a", 1, true]
}
target "default" {
  args = { A = T[0], B = T[1], C = T[2] }
}
