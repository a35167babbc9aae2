variable "L" {
  type = list(string)
  default = ["a"]
}
target "default" {
  tags = L
}
