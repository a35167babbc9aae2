variable "E" { default = "" }
variable "N" {
  type = string
  default = null
}
target "default" {
  args = {
    A = coalesce(N, "fallback")
    B = coalesce(E, "fb2")
    C = coalesce(N, E, "fb3")
  }
  tags = coalescelist([], ["t1"])
}
