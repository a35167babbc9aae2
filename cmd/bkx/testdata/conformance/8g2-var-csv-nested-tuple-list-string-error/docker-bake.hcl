variable "V" {
  type = tuple([list(string)])
}
target "default" { args = { V = jsonencode(V) } }
