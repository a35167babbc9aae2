target "my-base_1" {
  tags = ["b1", "b2"]
  args = { "KEY-1" = "v" }
}
target "consumer" {
  tags = concat(target["my-base_1"].tags, ["c"])
  args = target["my-base_1"].args
}
