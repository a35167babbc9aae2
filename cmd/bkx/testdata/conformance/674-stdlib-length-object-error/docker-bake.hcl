variable "O" { default = { a = 1, b = 2 } }
target "default" {
  args = { N = length(O) }
}
