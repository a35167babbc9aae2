variable "PORT" {
  type = number
  default = 80
  validation {
    condition = PORT > 0
    error_message = "PORT must be positive."
  }
  validation {
    condition = PORT < 1024
    error_message = "PORT ${PORT} is not privileged."
  }
}
target "default" { args = { PORT = PORT } }
