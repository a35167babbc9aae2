variable "TAG" { default = "b" }
