function "f" {
  params = [n]
  result = n <= 0 ? 0 : f(n - 1)
}
target "default" { args = { X = f(3) } }
