target "default" {
  dockerfile = "Dockerfile.x"
  args = { D = target.default.dockerfile }
}
