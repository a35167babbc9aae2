target "default" {
  args = { C = BAKE_CMD_CONTEXT }
  context = BAKE_CMD_CONTEXT
}
