variable "PORTS" {
  type = list(number)
  default = []
}
variable "ENV" {
  default = "dev"
  validation {
    condition = ENV != "prod" || length(PORTS) > 1
    error_message = "prod needs 2 ports"
  }
}
target "default" {
  args = { PORTS = join(",", PORTS), N = length(PORTS), MAX = max(PORTS...), ENV = ENV }
}
