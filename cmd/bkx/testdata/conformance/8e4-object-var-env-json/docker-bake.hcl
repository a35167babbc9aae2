variable "CFG" {
  type = object({ registry = string, tags = list(string), push = bool })
  default = { registry = "docker.io", tags = ["latest"], push = false }
}
target "default" {
  tags = [for t in CFG.tags : "${CFG.registry}/app:${t}"]
  args = { PUSH = CFG.push }
}
