variable "V0" {
  default = null
}

target "test" {
  target = "final"
  cache-from = ["type=local,src=cache"]
  pull = null
}
