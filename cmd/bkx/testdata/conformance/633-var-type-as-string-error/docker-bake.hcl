variable "S" {
  type = "string"
  default = "x"
}
target "default" { args = { S = S } }
