function "join_all" {
  params = [sep]
  variadic_params = items
  result = join(sep, items)
}
function "count" {
  params = []
  variadic_params = xs
  result = length(xs)
}
target "default" {
  args = { J = join_all("-", "a", "b", "c"), N = count(), M = count(1, 2) }
}
