variable "PREFIX" { default = "dev" }
function "tag" {
  params = [name]
  result = "${PREFIX}-${name}"
}
function "tags" {
  params = [names]
  result = [for n in names : tag(n)]
}
target "default" { tags = tags(["a", "b"]) }
