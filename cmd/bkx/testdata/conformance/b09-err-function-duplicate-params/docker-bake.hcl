function "f" {
  params = [x, x]
  result = x
}
target "app" { args = { X = f("1", "2") } }
