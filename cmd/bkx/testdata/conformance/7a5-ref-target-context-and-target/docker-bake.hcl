target "src" {
  context = "sub"
  target = "stage"
  description = "source"
}
target "default" {
  context = target.src.context
  target = "${target.src.target}-2"
  description = target.src.description
}
