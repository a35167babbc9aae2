variable "PORTS" {
  type = list(number)
  default = []
}
target "default" {
  args = { N = length(PORTS) }
}
