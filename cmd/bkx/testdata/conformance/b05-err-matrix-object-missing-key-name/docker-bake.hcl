target "app" {
  name = "app-${item.tag}"
  matrix = { item = [{ tag = "a" }, { other = "b" }] }
}
