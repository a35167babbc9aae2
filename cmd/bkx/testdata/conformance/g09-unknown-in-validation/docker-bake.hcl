variable "V" {
  default = "a"
  validation {
    condition = V != ""
    error_message = "V is empty"
    severity = "warn"
  }
}
target "default" {
  args = { V = V }
}
