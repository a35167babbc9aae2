variable "N" {
  type = number
  default = "42"
}
variable "S" {
  type = string
  default = 42
}
variable "B" {
  type = bool
  default = "true"
}
target "default" {
  args = { N = N + 1, S = "${S}x", B = !B }
}
