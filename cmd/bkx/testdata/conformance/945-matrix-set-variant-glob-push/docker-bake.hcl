variable "REGISTRY" { default = "r.io" }
target "img" {
  name = "img-${v.id}"
  matrix = {
    v = [
      { id = "slim", base = "debian:12-slim", extra = [] },
      { id = "full", base = "debian:12", extra = ["git", "curl"] },
    ]
  }
  args = { BASE = v.base, EXTRA = join(",", v.extra) }
  tags = ["${REGISTRY}/img:${v.id}"]
  output = ["type=image"]
}
