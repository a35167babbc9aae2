variable "V" { default = "override-hcl" }
target "app" { dockerfile = "over.Dockerfile" }
