target "a" {
  args = { X = "${target.a.tags[0]}-x" }
  tags = ["t"]
}
target "b" { tags = target.a.args.X == "" ? [] : ["y", target.a.args.X] }
