variable "D" {
  type = string
  default = null
}
target "default" {
  description = D
}
