variable "HEX" {
  type = number
  default = 0
}
variable "UNDERSCORE" {
  type = number
  default = 0
}
target "default" { args = { HEX = HEX, UNDERSCORE = UNDERSCORE } }
