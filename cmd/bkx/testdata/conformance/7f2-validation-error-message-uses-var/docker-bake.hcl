variable "PORT" {
  type = number
  default = 80
  validation {
    condition = PORT > 1024
    error_message = "PORT ${PORT} is privileged"
  }
}
target "default" {
  args = { P = PORT }
}
