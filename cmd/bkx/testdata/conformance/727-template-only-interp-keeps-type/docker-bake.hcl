variable "N" { default = 5 }
target "default" {
  args = { A = "${N}", B = "${N + 1}", C = "${true}" }
}
