variable "TAG" { default = "base" }
target "default" { tags = ["app:${TAG}"] }
