# Variable types by cty's friendly names, values as strings or JSON, <null>, hidden names, group members sorted and deduplicated, HTML escapes in JSON, newlines and tabs in cells.
variable "A1" { type = any }
variable "A2" {
  type = list(any)
  default = ["x"]
}
variable "A3" {
  type = map(any)
  default = {a = 1}
}
variable "A4" {
  type = object({})
  default = {}
}
variable "A5" {
  type = tuple([])
  default = []
}
variable "A6" {
  type = number
  default = 1.5
}
variable "A7" {
  type = bool
  default = true
}
variable "A8" {
  type = list(object({a=string}))
  default = [{a = "x"}]
}
variable "A9" {
  type = set(list(number))
  default = [[1]]
}
variable "B1" {
  default = "<a&b>"
  description = "x<y>&z"
}
variable "_H" { default = "hidden?" }
variable "B2" {
  default = "multi\nline\ttab"
  description = "d\tx\ny"
}
variable "B3" { default = 1e20 }
variable "B4" { default = 0.1 }
variable "B5" { default = {b = 1, a = [true, null]} }
variable "B6" {
  type = map(object({a = optional(string)}))
  default = {k = {}}
}
variable "B7" { default = 12345678901234567890 }
variable "B8" { default = -0.000001 }
target "t" { description = "t<&>\tq" }
target "_h" {}
group "g" { targets = ["t", "t", "_h"] }
group "_g" { targets = ["t"] }
group "e" { targets = [] }
group "ed" {
  description = "only desc"
  targets = []
}
