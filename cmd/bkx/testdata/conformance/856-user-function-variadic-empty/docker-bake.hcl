function "j" {
  params = [sep]
  variadic_params = rest
  result = "${length(rest)}:${join(sep, rest)}"
}
target "default" {
  args = { ZERO = j("-"), TWO = j("-", "a", "b") }
}
