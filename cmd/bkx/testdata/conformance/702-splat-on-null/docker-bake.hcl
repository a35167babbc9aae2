variable "N" {
  type = object({n = string})
  default = null
}
target "default" {
  tags = N[*].n
  args = { L = length(N[*]) }
}
