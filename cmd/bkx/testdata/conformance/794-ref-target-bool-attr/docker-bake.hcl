target "src" {
  pull = true
  no-cache = false
}
target "default" {
  args = { P = target.src.pull, N = target.src.no-cache }
}
