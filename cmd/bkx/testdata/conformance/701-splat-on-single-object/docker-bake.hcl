variable "O" { default = {n = "x"} }
target "default" {
  tags = O[*].n
}
