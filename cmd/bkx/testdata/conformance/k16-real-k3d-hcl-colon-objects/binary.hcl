// origin: crazy-max/buildx-buildkit-tests bake-action-61/binary.hcl (reduced)
target "docker-metadata-k3d" {
  tags = [
    "ghcr.io/k3d-io/k3d:5.4.0-dev.0",
    "ghcr.io/k3d-io/k3d:sha-984839e"
  ]
  labels = {
    "org.opencontainers.image.title": "k3d",
    "org.opencontainers.image.version": "5.4.0-dev.0",
    "org.opencontainers.image.created": "2022-03-14T13:36:05.512Z",
  }
  args = {
    "DOCKER_META_IMAGES": "ghcr.io/k3d-io/k3d",
    "DOCKER_META_VERSION": "5.4.0-dev.0"
  }
}
