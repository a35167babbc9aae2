target "a" {
  tags = ["a"]
}
variable "V" {
  default = target.a.tags[0]
}
target "default" {
  args = { V = V }
}
