# A value is JSON against its declared type: where the type is any, cty's {"value": ..., "type": ...} form.
variable "A1" {
  type = any
  default = "x"
}
variable "A2" {
  type = any
  default = 5
}
variable "A3" {
  type = any
  default = [1, "a"]
}
variable "A4" {
  type = any
  default = null
}
variable "A5" {
  type = object({a = any, b = list(any)})
  default = {a = 1, b = ["q"]}
}
variable "A6" {
  type = string
  default = 5
}
variable "A7" {
  type = tuple([any, string])
  default = [true, "s"]
}
variable "A8" {
  type = list(string)
  default = null
}
variable "A9" {
  type = map(any)
  default = {}
}
variable "B1" { default = "" }
variable "B2" {
  type = string
  default = ""
}
variable "B3" {
  type = list(string)
  default = []
}
variable "B4" {
  default = [null]
}
variable "B5" {
  type = any
  default = true
}
