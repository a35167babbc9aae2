function "f" {
  params = [x]
  result = y
}
target "app" { args = { X = f("1") } }
