variable "TOP" {
  default = "ov"
}
TOP = "prod"
target "a" {
  tags = [TOP]
}
