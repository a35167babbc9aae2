variable "PORTS" {
  type = list(number)
  default = []
}
target "default" {
  args = { SUM = PORTS[0] + PORTS[1], N = length(PORTS) }
}
