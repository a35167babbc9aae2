variable "VARIANTS" {
  type = list(string)
  default = ["a"]
}
target "svc" {
  name = "svc-${replace(v, ".", "-")}"
  matrix = { v = VARIANTS }
  tags = ["svc:${v}"]
}
