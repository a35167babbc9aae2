variable "X" {
  default = "a"
  validation {
    condition = "true"
    error_message = "bad"
  }
}
target "default" { args = { X = X } }
