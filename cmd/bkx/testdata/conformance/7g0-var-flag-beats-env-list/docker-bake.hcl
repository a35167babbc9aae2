variable "L" {
  type = list(string)
  default = ["d"]
}
target "default" {
  tags = L
}
