variable "V" {
  type = list(list(string))
}
target "default" { args = { V = jsonencode(V) } }
