function "f" {
  params = []
  result = V
}
variable "V" { default = f() }
target "app" { args = { X = V } }
