variable "O" {
  type = object({ name = string, port = number, tags = list(string) })
  default = { name = "d", port = 1, tags = [] }
}
target "default" {
  tags = O.tags
  args = { NAME = O.name, PORT = O.port + 1 }
}
