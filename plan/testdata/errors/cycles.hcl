# ARGS: a c
target "a" {
  depends_on = ["b"]
}
target "b" {
  depends_on = ["a"] # ERROR: Dependency cycle
}
target "c" {
  depends_on = ["ghost"] # ERROR: Unknown target in depends_on
}
