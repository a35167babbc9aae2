variable "MIN" { default = 2 }
variable "V" {
  default = "abc"
  validation {
    condition = length(split("", V)) >= MIN
    error_message = "V shorter than ${MIN}"
  }
}
target "default" {
  args = { V = V }
}
