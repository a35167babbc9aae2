variable "A" { default = "a" }
variable "B" { default = "${A}-b" }
variable "C" { default = "${B}-c" }
target "default" { tags = [A, B, C] }
