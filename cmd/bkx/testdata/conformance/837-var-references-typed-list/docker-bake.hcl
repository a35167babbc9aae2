variable "BASE" {
  type = list(string)
  default = ["a"]
}
variable "ALL" {
  default = concat(BASE, ["z"])
}
target "default" { tags = ALL }
