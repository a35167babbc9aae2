variable "ENV" {
  default = "prod"
  validation {
    condition = strlen(ENV) <= 4
    error_message = "ENV ${upper(ENV)} is ${strlen(ENV)} chars, max 4."
  }
}
target "default" { args = { ENV = ENV } }
