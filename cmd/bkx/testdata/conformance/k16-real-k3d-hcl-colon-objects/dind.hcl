// origin: crazy-max/buildx-buildkit-tests bake-action-61/dind.hcl (reduced)
target "docker-metadata-k3d-dind" {
  tags = [
    "ghcr.io/k3d-io/k3d:5.4.0-dev.0-dind",
    "ghcr.io/k3d-io/k3d:sha-984839e-dind"
  ]
  labels = {
    "org.opencontainers.image.title": "k3d",
    "org.opencontainers.image.version": "5.4.0-dev.0-dind"
  }
  args = {
    "DOCKER_META_IMAGES": "ghcr.io/k3d-io/k3d",
    "DOCKER_META_VERSION": "5.4.0-dev.0-dind"
  }
}
