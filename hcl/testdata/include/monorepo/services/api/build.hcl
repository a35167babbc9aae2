include = ["build.test.hcl"]

target "api" {
  inherits   = ["_common"]
  dockerfile = "api.Dockerfile"
  contexts = {
    shared = "../../shared"
    base   = "target:api-base"
    alpine = "docker-image://alpine:3.20"
    here   = "cwd://tools"
  }
  cache-from = ["type=local,src=/tmp/cache", "type=registry,ref=example/api:cache"]
}

target "api-base" {
  context = "base"
}
