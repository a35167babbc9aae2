variable "V" {
  type = map(list(string))
}
target "default" { args = { V = jsonencode(V) } }
