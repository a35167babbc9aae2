variable "S" {
  type = set(string)
  default = []
}
target "default" {
  tags = S
}
