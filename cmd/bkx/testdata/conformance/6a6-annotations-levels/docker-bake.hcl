target "default" {
  annotations = [
    "org.opencontainers.image.title=app",
    "index,manifest:org.opencontainers.image.vendor=acme",
    "manifest[linux/amd64]:foo=bar",
  ]
}
