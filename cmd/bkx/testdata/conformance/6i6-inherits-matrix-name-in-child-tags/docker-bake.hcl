target "p" {
  name = "p-${v}"
  matrix = { v = ["1"] }
  tags = ["p:${v}"]
  platforms = ["linux/amd64"]
}
target "c" {
  inherits = ["p-1"]
  tags = concat(target.p-1.tags, ["c"])
}
