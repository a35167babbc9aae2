variable "V" { default = "override" }
target "default" {
  tags = ["override:${V}"]
  args = { FROM = "override", O = "1" }
}
