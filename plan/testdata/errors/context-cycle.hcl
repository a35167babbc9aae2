# A cycle through target: contexts is found while resolving.
# ARGS: a
target "a" {
  contexts = { b = "target:b" }
}
target "b" {
  contexts = { a = "target:a" } # ERROR: Context cycle
}
