variable "SVCS" {
  type = list(object({ name = string, port = number }))
  default = []
}
target "svc" {
  name = "svc-${s.name}"
  matrix = { s = SVCS }
  args = { PORT = s.port }
}
