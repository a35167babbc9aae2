variable "REGISTRY" { default = "quay.io/acme" }
variable "MAJOR" { default = 3 }
variable "MINOR" { default = 14 }
variable "BUILD_NUMBER" {
  type = number
  default = 0
}
variable "PLATFORMS" {
  type = list(string)
  default = ["linux/amd64"]
}
target "app" {
  args = { FROM_C = "yes" }
}
