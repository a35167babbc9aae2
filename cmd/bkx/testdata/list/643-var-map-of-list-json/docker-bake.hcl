variable "M" {
  type = map(list(string))
  default = {}
}
target "default" {
  tags = flatten(values(M))
  args = { KEYS = join(",", keys(M)) }
}
