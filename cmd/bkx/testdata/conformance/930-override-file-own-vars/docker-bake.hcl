variable "TAG" { default = "dev" }
group "default" { targets = ["api", "web"] }
target "_common" {
  labels = { "team" = "core" }
}
target "api" {
  inherits = ["_common"]
  tags = ["acme/api:${TAG}"]
}
target "web" {
  inherits = ["_common"]
  tags = ["acme/web:${TAG}"]
}
