// origin: N0rthernL1ghts/wordpress hack/docker-bake-cron.hcl (reduced)
group "cron" {
  targets = [
    "cron_6_5_0",
    "cron_6_8_2"
  ]
}

target "build-common" {
  pull   = true
  target = "wordpress-cron"
}

function "get-cron-args" {
  params = [version]
  result = {
    WP_VERSION = version
  }
}

function "get-cron-tags" {
  params = [version, extra_versions]
  result = concat(
    [
      "ghcr.io/n0rthernl1ghts/wordpress-cron:${version}"
    ],
    flatten([
      for extra_version in extra_versions : [
        "ghcr.io/n0rthernl1ghts/wordpress-cron:${extra_version}"
      ]
    ])
  )
}

target "cron_6_5_0" {
  inherits   = ["build-dockerfile", "build-platforms", "build-common"]
  cache-from = get-cache-from(REGISTRY_CACHE_CRON, "6.5.0")
  cache-to   = get-cache-to(REGISTRY_CACHE_CRON, "6.5.0")
  tags       = get-cron-tags("6.5.0", [])
  args       = get-cron-args("6.5.0")
}

target "cron_6_8_2" {
  inherits   = ["build-dockerfile", "build-platforms", "build-common"]
  cache-from = get-cache-from(REGISTRY_CACHE_CRON, "6.8.2")
  cache-to   = get-cache-to(REGISTRY_CACHE_CRON, "6.8.2")
  tags       = get-cron-tags("6.8.2", ["6", "6.8", "latest"])
  args       = get-cron-args("6.8.2")
}
