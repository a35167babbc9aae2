variable "T" { default = "${target.base.tags[0]}-v" }
target "base" { tags = ["b"] }
target "default" { tags = [T] }
