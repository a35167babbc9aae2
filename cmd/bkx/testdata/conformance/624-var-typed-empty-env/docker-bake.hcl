variable "S" {
  type = string
  default = "def"
}
variable "L" {
  type = list(string)
  default = ["d"]
}
target "default" {
  args = { S = S, L = jsonencode(L) }
}
