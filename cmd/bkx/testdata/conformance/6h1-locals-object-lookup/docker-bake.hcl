variable "CONFIG" {
  default = {
    registry = "r.io"
    images = { app = "acme/app", db = "acme/db" }
    versions = ["1", "2"]
  }
}
target "app" {
  tags = [for v in CONFIG.versions : "${CONFIG.registry}/${CONFIG.images.app}:${v}"]
  args = { DB = lookup(CONFIG.images, "db", "none"), MISSING = lookup(CONFIG.images, "x", "none") }
}
