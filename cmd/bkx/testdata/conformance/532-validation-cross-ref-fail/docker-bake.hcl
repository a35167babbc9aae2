variable "MIN" { default = 5 }
variable "N" {
  type = number
  default = 3
  validation {
    condition = N >= MIN
    error_message = "N must be at least ${MIN}."
  }
}
target "default" { args = { N = N } }
