// origin: N0rthernL1ghts/wordpress hack/docker-bake-web.hcl (reduced)
group "default" {
  targets = ["web", "cron"]
}

group "web" {
  targets = [
    "web_6_5_5",
    "web_6_8_2"
  ]
}

target "build-common" {
  target = "wordpress-base"
}

# Get the arguments for the build
function "get-web-args" {
  params = [version, patch_version]
  result = {
    WP_VERSION = version
    WP_PATCH_VERSION = patch_version
  }
}

function "get-web-tags" {
  params = [version, extra_versions]
  result = concat(
    [
      "ghcr.io/n0rthernl1ghts/wordpress:${version}"
    ],
    flatten([
      for extra_version in extra_versions : [
        "ghcr.io/n0rthernl1ghts/wordpress:${extra_version}"
      ]
    ])
  )
}

target "web_6_5_5" {
  inherits   = ["build-dockerfile", "build-platforms", "build-common"]
  cache-from = get-cache-from(REGISTRY_CACHE_WEB, "6.5.5")
  cache-to   = get-cache-to(REGISTRY_CACHE_WEB, "6.5.5")
  tags       = get-web-tags("6.5.5", ["6.5"])
  args       = get-web-args("6.5.5", "6.5.0")
}

target "web_6_8_2" {
  inherits   = ["build-dockerfile", "build-platforms", "build-common"]
  cache-from = get-cache-from(REGISTRY_CACHE_WEB, "6.8.2")
  cache-to   = get-cache-to(REGISTRY_CACHE_WEB, "6.8.2")
  tags       = get-web-tags("6.8.2", ["6", "6.8", "latest"])
  args       = get-web-args("6.8.2", "6.5.0")
}
