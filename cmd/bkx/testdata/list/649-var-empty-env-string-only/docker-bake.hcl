variable "S" { default = "def" }
variable "T" {
  type = string
  default = "def"
}
variable "U" {}
target "default" {
  args = { S = S, T = T, U = U }
  tags = ["img:${S}x"]
}
