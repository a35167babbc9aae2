target "default" {
  args = { C = BAKE_CMD_CONTEXT, P = BAKE_LOCAL_PLATFORM != "" }
}
