variable "TOP" {
  default = "ov"
}
