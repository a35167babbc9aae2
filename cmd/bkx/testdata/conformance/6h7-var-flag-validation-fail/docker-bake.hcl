variable "ENV" {
  default = "dev"
  validation {
    condition = contains(["dev", "prod"], ENV)
    error_message = "bad ENV: ${ENV}"
  }
}
target "default" { args = { ENV = ENV } }
