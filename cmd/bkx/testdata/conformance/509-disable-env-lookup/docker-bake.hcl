variable "NUM" { default = 1 }
target "default" {
  args = { NUM = NUM }
}
