target "default" {
  args = { B = "override" }
  dockerfile = "override.Dockerfile"
}
