target "a" {
  context = "${BAKE_CMD_CONTEXT}/sub"
  dockerfile = "cwd://Dockerfile.x"
}
target "b" {
  context = "cwd://"
  contexts = { x = "cwd://foo" }
}
target "d" {
  context = "cwd://sub/../x/"
}
