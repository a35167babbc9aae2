variable "REGISTRY" { default = "ghcr.io/acme" }
variable "TAG" { default = "dev" }
variable "DEBUG" {
  type = bool
  default = false
}
group "default" { targets = ["backend", "frontend"] }
target "_base" {
  args = { DEBUG = DEBUG }
  platforms = ["linux/amd64"]
}
target "backend" {
  inherits = ["_base"]
  context = "backend"
  tags = ["${REGISTRY}/backend:${TAG}"]
}
target "frontend" {
  inherits = ["_base"]
  context = "frontend"
  contexts = { api-schema = "target:backend" }
  tags = ["${REGISTRY}/frontend:${TAG}"]
}
