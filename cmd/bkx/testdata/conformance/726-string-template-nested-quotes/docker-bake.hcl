variable "V" { default = "v" }
target "default" {
  tags = ["${"${V}-inner"}-outer", "${upper("${V}x")}"]
}
