variable "V" {
  default = "x"
  validation {
    condition = strlen(V) > 3
    error_message = "too short: ${V}"
  }
  validation {
    condition = V != "x"
    error_message = "must not be x"
  }
}
target "default" {
  args = { V = V }
}
