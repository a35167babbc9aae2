variable "PUSH" {
  type = bool
  default = false
}
variable "REPLICAS" {
  type = number
  default = 1
}
variable "PLATFORMS" {
  type = list(string)
  default = ["linux/amd64"]
}
variable "EXTRA_LABELS" {
  type = map(string)
  default = {}
}
variable "BUILD_CFG" {
  type = object({ opt = number, strip = bool, tags = list(string) })
  default = { opt = 2, strip = true, tags = [] }
}
variable "SERVICES" {
  type = set(string)
  default = ["api"]
}
group "default" { targets = [for s in sort(SERVICES) : "svc-${s}"] }
target "svc" {
  name = "svc-${s}"
  matrix = { s = ["api", "web", "jobs"] }
  platforms = PLATFORMS
  labels = merge({ "svc" = s }, EXTRA_LABELS)
  args = {
    OPT = BUILD_CFG.opt
    STRIP = BUILD_CFG.strip
    REPLICAS = REPLICAS * 2
    GOFLAGS = join(" ", BUILD_CFG.tags)
  }
  output = [PUSH ? "type=registry" : "type=docker"]
  tags = ["acme/${s}:latest"]
}
