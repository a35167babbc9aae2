variable "X" {
  default = "a"
  validation {
    condition = null
    error_message = "never"
  }
}
target "default" { args = { X = X } }
