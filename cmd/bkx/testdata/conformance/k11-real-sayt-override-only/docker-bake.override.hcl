// origin: bonisoft3/sayt docker-bake.override.hcl (reduced)
variable "CACHE_SCOPE" {
  default = ""
}

target "devserver" {
  context = "../.."
  dockerfile = "plugins/devserver/Dockerfile"
  target = "devserver"
}

target "ci" {
  context = "."
  dockerfile = "Dockerfile"
  target = "ci"
  network = "host"
  contexts = {
    devserver = "../devserver"
  }
  secret = [
    "id=host.env,env=HOST_ENV",
  ]
  cache-from = CACHE_SCOPE != "" ? [
    "type=gha,scope=main",
    "type=gha,scope=${CACHE_SCOPE}-plugins-sayt-ci",
  ] : []
  cache-to = CACHE_SCOPE != "" ? [
    "type=gha,mode=max,scope=${CACHE_SCOPE}-plugins-sayt-ci"
  ] : []
}

# GHA cache for inner compose targets (run inside CI via dind.sh).
target "inner-cache" {
  matrix = {
    svc = [
      "release-build", "test-alpine", "integrate",
    ]
  }
  name       = svc
  cache-from = ["type=gha,scope=sayt-${svc}"]
  cache-to   = ["type=gha,mode=max,scope=sayt-${svc}"]
}
