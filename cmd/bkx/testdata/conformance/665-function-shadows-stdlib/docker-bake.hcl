function "upper" {
  params = [s]
  result = "custom-${s}"
}
target "default" { args = { X = upper("a") } }
