# ARGS: a b c d
builder "typo" {
  driver = "docker-contianer" # ERROR: Unknown driver
}
builder "opts" {
  driver      = "docker-container"
  driver-opts = { imgae = "moby/buildkit", default-load = "maybe" } # ERROR: Invalid driver option | Invalid driver option
}
builder "remote" {
  driver           = "remote"
  endpoint         = "tcp://127.0.0.1:1234"
  buildkitd-config = "buildkitd.toml" # ERROR: BuildKit configuration not supported
}
target "a" {
  builder = "opts"
}
target "b" {
  builder = "remtoe" # ERROR: Unknown builder
}
target "c" {
  builder = "remote"
}
target "d" {}
