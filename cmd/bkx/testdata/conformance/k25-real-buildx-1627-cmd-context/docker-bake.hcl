// origin: crazy-max/buildx-buildkit-tests buildx-1627/docker-bake.hcl (repro for docker/buildx#1627)
target "default" {
  context = BAKE_CMD_CONTEXT
  dockerfile = "cwd://Dockerfile.app"
}
