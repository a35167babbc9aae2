// origin: crazy-max/buildx-buildkit-tests buildx-1020/docker-bake.hcl + buildx-978/docker-bake.hcl (repros for docker/buildx#1020 and #978)
group "a" {
  targets = ["b", "c"]
}

group "b" {
  targets = ["d"]
}

group "c" {
  targets = ["b"]
}

target "d" {
  context = "."
  dockerfile = "./testdockerfile"
}

# docker-bake.hcl

target "base" {
  dockerfile = "baseapp.Dockerfile"
  args = {
    basefoo = "bar"
  }
  platforms = [
    "linux/amd64",
    "linux/arm64"
  ]
}

target "app" {
  contexts = {
    baseapp = "target:base"
  }
}
