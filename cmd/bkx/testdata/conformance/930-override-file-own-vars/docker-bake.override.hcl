variable "LOCAL_REGISTRY" { default = "localhost:5000" }
variable "DEV_USER" { default = "nobody" }
target "_common" {
  labels = { "dev.user" = DEV_USER }
}
target "api" {
  tags = ["${LOCAL_REGISTRY}/api:${TAG}-${DEV_USER}"]
  output = ["type=docker"]
}
