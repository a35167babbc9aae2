function "up" {
  params = [s]
  result = upper(s)
}
variable "BASE" { default = "img" }
variable "NAME" { default = up("${BASE}-x") }
target "default" { tags = [NAME] }
