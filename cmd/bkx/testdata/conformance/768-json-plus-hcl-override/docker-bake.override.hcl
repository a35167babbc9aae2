variable "TAG" { default = "hcl" }
target "app" {
  args = { B = "2" }
}
