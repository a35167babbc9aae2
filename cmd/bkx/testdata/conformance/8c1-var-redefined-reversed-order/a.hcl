variable "TAG" { default = "a" }
target "default" { tags = ["app:${TAG}"] }
