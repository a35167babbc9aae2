target "a" {
  dockerfile-inline = ""
  network = ""
  pull = false
  no-cache = false
  call = ""
  description = ""
  context = "./sub/../x/"
  dockerfile = "./Dockerfile"
  contexts = { foo = "./bar/", baz = "docker-image://alpine", e = "" }
  secret = ["id=e,env=FOO"]
  cache-from = ["user/app:cache", "type=local,src=path/to/cache"]
  cache-to = ["type=inline", "type=registry,ref=x/y,mode=max"]
  output = ["./out", "-", "type=docker"]
  attest = ["type=sbom"]
  platforms = []
  tags = []
  ulimits = ["nofile=1024:1024"]
  extra-hosts = { "a" = "1.2.3.4" }
  entitlements = ["network.host"]
  no-cache-filter = ["x"]
  annotations = ["a=b"]
  labels = { x = null }
}
target "remote" { context = "https://github.com/x/y.git" }
