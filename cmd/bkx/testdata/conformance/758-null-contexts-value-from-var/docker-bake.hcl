variable "C" {
  type = string
  default = null
}
target "default" {
  contexts = { a = C }
}
