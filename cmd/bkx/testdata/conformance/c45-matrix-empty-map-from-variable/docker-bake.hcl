variable "M" { default = {} }
target "app" {
  name = "app-x"
  matrix = M
}
