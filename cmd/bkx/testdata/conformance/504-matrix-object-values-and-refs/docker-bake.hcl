target "o" {
  name = "o-${v.k}"
  matrix = { v = [{ k = "one", t = "1" }, { k = "two", t = "2" }] }
  tags = [v.t]
}
target "ref" {
  tags = target.base.tags
  args = { X = target.base.args.A, D = target.base.dockerfile, N = target.o-one.tags[0] }
}
target "base" {
  inherits = ["p"]
  tags = ["b1"]
  args = { A = "a" }
}
target "p" { dockerfile = "P" }
