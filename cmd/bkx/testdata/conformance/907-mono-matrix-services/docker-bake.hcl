variable "REGISTRY" { default = "docker.io/acme" }
variable "TAG" { default = "latest" }
variable "SERVICES" {
  type = list(object({
    name = string
    port = number
    lang = string
    public = bool
  }))
  default = [
    { name = "auth", port = 8080, lang = "go", public = true },
    { name = "billing", port = 8081, lang = "go", public = false },
    { name = "frontend", port = 3000, lang = "node", public = true },
    { name = "ml_scorer", port = 9000, lang = "python", public = false },
  ]
}
function "svc_tags" {
  params = [svc]
  result = svc.public ? ["${REGISTRY}/${svc.name}:${TAG}", "${REGISTRY}/public/${svc.name}:${TAG}"] : ["${REGISTRY}/${svc.name}:${TAG}"]
}
group "default" {
  targets = ["svc"]
}
group "public" {
  targets = ["svc-auth", "svc-frontend"]
}
target "_lang-go" {
  args = { BUILDER_IMAGE = "golang:1.26-alpine" }
}
target "_lang-node" {
  args = { BUILDER_IMAGE = "node:22-alpine" }
}
target "_lang-python" {
  args = { BUILDER_IMAGE = "python:3.13-slim" }
}
target "svc" {
  name = "svc-${replace(s.name, "_", "-")}"
  matrix = {
    s = SERVICES
  }
  inherits = ["_lang-${s.lang}"]
  context = "services/${s.name}"
  dockerfile = "../../docker/${s.lang}.Dockerfile"
  tags = svc_tags(s)
  args = {
    PORT = s.port
    PUBLIC = s.public
    SERVICE = s.name
  }
  labels = {
    "com.acme.service" = s.name
    "com.acme.port" = "${s.port}"
  }
}
