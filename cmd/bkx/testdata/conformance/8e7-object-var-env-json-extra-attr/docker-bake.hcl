variable "CFG" {
  type = object({ a = string })
  default = { a = "dflt" }
}
target "default" { args = { A = CFG.a } }
