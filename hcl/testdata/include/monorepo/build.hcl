# A monorepo: each service keeps its build file beside its code.
include = ["services/*/build.hcl"]

group "default" {
  targets = ["web", "api"]
}

target "_common" {
  platforms = ["linux/amd64"]
  args = {
    VERSION = "1.0"
  }
}

target "root" {
  context = "."
}
