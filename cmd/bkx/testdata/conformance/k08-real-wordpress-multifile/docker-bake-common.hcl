// origin: N0rthernL1ghts/wordpress hack/docker-bake-common.hcl (reduced)
# Common definitions shared between Web and Cron builds

variable "REGISTRY_CACHE_WEB" {
  default = "ghcr.io/n0rthernl1ghts/wordpress-cache"
}

variable "REGISTRY_CACHE_CRON" {
  default = "ghcr.io/n0rthernl1ghts/wordpress-cron-cache"
}

variable "WP_VERSIONS" {
  default = {
    "6.8.3" = { patch_version = "6.5.0", extra_tags = ["6.8"] }
    "6.9.2" = { patch_version = "6.5.0", extra_tags = ["6", "6.9", "latest"] }
  }
}

target "build-dockerfile" {
  dockerfile = "Dockerfile"
}

target "build-platforms" {
  platforms = ["linux/amd64", "linux/aarch64"]
}

# Generic cache-from function
function "get-cache-from" {
  params = [registry, version]
  result = [
    "type=registry,ref=${registry}:${sha1("${version}-${BAKE_LOCAL_PLATFORM}")}",
    "type=registry,ref=${registry}:${sha1("main-${BAKE_LOCAL_PLATFORM}")}"
  ]
}

# Generic cache-to function
function "get-cache-to" {
  params = [registry, version]
  result = [
    "type=registry,mode=max,ref=${registry}:${sha1("${version}-${BAKE_LOCAL_PLATFORM}")}",
    "type=registry,mode=max,ref=${registry}:${sha1("main-${BAKE_LOCAL_PLATFORM}")}"
  ]
}
