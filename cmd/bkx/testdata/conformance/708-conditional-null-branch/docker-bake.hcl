variable "X" { default = "" }
target "default" {
  args = {
    A = X == "" ? null : X
    B = "b"
  }
  target = X == "" ? null : X
}
