variable "V" {
  type = list(map(string))
}
target "default" { args = { V = jsonencode(V) } }
