variable "V" {
  default = "x"
  validation {
    condition = false
    error_message = 42
  }
}
target "default" {
  args = { V = V }
}
