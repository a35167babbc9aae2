target "src" {
}
target "default" {
  args = { D = target.src.dockerfile }
}
