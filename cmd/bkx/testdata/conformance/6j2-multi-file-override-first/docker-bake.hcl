variable "V" { default = "main" }
target "default" {
  tags = ["main:${V}"]
  args = { FROM = "main" }
}
