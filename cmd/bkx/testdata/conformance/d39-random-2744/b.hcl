variable "V1" {
  default = true
}

target "api" {
  dockerfile = "Dockerfile.dev"
  call = "outline"
}
