variable "N" {
  type = number
  default = 2
}
