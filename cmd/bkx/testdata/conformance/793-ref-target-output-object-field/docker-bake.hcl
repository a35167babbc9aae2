target "src" {
  output = [{ type = "local", dest = "out" }]
}
target "default" {
  args = { D = target.src.output[0].dest }
}
