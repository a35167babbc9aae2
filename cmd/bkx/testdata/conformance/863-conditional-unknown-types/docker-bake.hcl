variable "X" { default = null }
target "default" {
  tags = X == null ? ["none"] : [X]
  args = { IS_NULL = X == null }
}
