variable "V" {
  type = list(list(string))
  default = [["a"]]
}
target "default" { tags = flatten(V) }
