function "f" {
  params = []
  result = "one"
}
function "f" {
  params = []
  result = "two"
}
target "default" { args = { F = f() } }
