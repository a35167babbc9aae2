function "isver" {
  params = [s]
  result = can(regex("^v[0-9]+$", s))
}
variable "VER" {
  default = "v1"
  validation {
    condition = isver(VER)
    error_message = "bad ver"
  }
}
target "default" {
  tags = ["app:${VER}"]
}
