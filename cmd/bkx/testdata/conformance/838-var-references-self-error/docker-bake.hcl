variable "A" { default = "${A}x" }
target "default" { tags = [A] }
