variable "V" { default = "x" }
target "default" {
  args = { V = V }
}
