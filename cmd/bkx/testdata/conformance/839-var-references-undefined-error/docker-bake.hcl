variable "A" { default = "${NOPE}x" }
target "default" { tags = [A] }
