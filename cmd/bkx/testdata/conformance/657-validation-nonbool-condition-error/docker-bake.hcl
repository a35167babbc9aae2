variable "X" {
  default = "a"
  validation {
    condition = "maybe"
    error_message = "bad"
  }
}
target "default" { args = { X = X } }
