function "lower" {
  params = [s]
  result = "mine"
}
function "mytag" {
  params = [s]
  result = lower(s)
}
variable "V" { default = lower("ABC") }
target "default" { args = { V = V, T = mytag("XYZ") } }
