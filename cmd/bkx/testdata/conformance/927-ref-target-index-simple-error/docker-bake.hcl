target "base" { tags = ["b1"] }
target "consumer" {
  tags = target.base["tags"]
  args = { A = target["base"].tags[0] }
}
