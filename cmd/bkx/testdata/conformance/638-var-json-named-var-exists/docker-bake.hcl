variable "X" {
  type = list(string)
  default = ["d"]
}
variable "X_JSON" { default = "" }
target "default" { args = { X = join(",", X), XJ = X_JSON } }
