variable "V" { default = "fromvar" }
target "app" { args = { X = V, Y = "${V}-y" } }
