# ENV: ENVIRONMENT=qa
# ENV: PORT=eighty
variable "ENVIRONMENT" {
  default = "dev"
  validation {
    condition     = contains(["dev", "prod"], ENVIRONMENT) # ERROR: Validation failed
    error_message = "ENVIRONMENT must be dev or prod."
  }
}
variable "PORT" { # ERROR: Invalid value for variable PORT
  type    = number
  default = 80
}
variable "TYPED" {
  type    = list(string)
  default = "x" # ERROR: Invalid default value for variable
}
target "default" {
  args = { E = ENVIRONMENT, P = PORT }
}
