variable "join" { default = "val" }
target "default" {
  args = { A = join, B = join("-", ["a", "b"]) }
}
