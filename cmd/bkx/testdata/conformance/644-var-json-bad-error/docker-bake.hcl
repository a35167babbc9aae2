variable "L" {
  type = list(string)
  default = []
}
target "default" { args = { L = join(",", L) } }
