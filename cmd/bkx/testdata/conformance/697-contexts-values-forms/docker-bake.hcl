target "app" {
  contexts = {
    img = "docker-image://alpine:3.19@sha256:abc"
    git = "https://github.com/org/repo.git#main"
    http = "https://example.com/ctx.tar.gz"
    local = "../sibling"
    oci = "oci-layout://./layout:tag"
    dot = "."
  }
}
