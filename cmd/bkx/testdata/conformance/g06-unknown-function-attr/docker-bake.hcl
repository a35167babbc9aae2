function "tag" {
  params = [v]
  result = "x:${v}"
  description = "the tag"
}
target "default" {
  tags = [tag("1")]
}
