# Variables merged across docker-bake.hcl, docker-bake.override.hcl and docker-bake.json, with an environment override.
variable "A" {
  description = "first"
  type = list(string)
  default = ["a"]
}
variable "B" {
  default = "b"
}
variable "C" {
  type = number
  default = 1
}
