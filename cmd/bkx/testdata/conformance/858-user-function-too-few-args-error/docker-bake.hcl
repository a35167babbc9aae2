function "f" {
  params = [a, b]
  result = "${a}${b}"
}
target "default" { args = { X = f("1") } }
