variable "B" { default = false }
target "default" {
  args = { B = B ? "on" : "off" }
}
