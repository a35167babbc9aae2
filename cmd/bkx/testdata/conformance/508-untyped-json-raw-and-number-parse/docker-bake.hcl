variable "STR" { default = "s" }
variable "NUM" { default = 1 }
variable "BOOL" { default = false }
variable "ONLYJSON" { default = "d" }
target "default" {
  args = { STR = STR, NUM = NUM + 1, BOOL = !BOOL, ONLYJSON = ONLYJSON }
}
