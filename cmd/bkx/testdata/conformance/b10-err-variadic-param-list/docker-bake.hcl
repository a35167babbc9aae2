function "f" {
  params = []
  variadic_param = [a, b]
  result = "x"
}
target "app" { args = { X = f("1") } }
