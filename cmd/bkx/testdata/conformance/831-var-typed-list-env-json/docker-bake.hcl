variable "L" {
  type = list(string)
  default = []
}
target "default" {
  tags = L
}
