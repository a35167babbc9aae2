variable "TAG" { default = "hcl" }
target "default" { tags = ["app:${TAG}"] }
