variable "V" {
  default = "ok"
  validation {
    condition = V != "bad"
    error_message = "V is bad"
  }
}
target "default" { args = { V = V } }
