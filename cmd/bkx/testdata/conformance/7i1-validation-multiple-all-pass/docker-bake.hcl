variable "V" {
  default = "abcd"
  validation {
    condition = V != ""
    error_message = "empty"
  }
  validation {
    condition = upper(V) == "ABCD"
    error_message = "not abcd"
  }
}
target "default" {
  args = { V = V }
}
