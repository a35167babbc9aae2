variable "N" {
  type = number
  default = "abc"
}
target "default" { args = { N = N } }
