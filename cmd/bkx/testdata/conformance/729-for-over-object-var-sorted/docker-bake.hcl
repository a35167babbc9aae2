variable "O" { default = { z = 1, a = 2, m = 3 } }
target "default" {
  tags = [for k, v in O : "${k}${v}"]
  args = { KEYS = join(",", keys(O)), VALS = join(",", values(O)) }
}
