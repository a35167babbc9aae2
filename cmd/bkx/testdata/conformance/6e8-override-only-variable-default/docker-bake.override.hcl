variable "TAG" { default = "override" }
