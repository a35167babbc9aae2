variable "L" { default = [[1, 2], [3, 4]] }
target "default" {
  args = {
    A = jsonencode(L[*][0])
    B = jsonencode(L.1)
    C = L[1][1]
  }
}
