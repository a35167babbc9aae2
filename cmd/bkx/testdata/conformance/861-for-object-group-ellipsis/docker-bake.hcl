target "default" {
  args = { for k, v in { for s in ["a:1", "b:2", "a:3"] : split(":", s)[0] => split(":", s)[1]... } : k => join("+", v) }
}
