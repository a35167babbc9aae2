variable "O" { default = { a = "1" } }
target "default" {
  args = { A = try(O.b, "dflt"), B = try(O.a, "x"), C = can(O.b) }
}
