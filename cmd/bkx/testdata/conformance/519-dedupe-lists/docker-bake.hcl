target "a" {
  tags = ["x", "y", "x"]
  platforms = ["linux/amd64", "linux/amd64", "linux/arm64/v8", "local"]
  annotations = ["a=1", "a=1"]
  attest = ["type=sbom", "type=sbom", "type=provenance,mode=max"]
  cache-from = ["type=registry,ref=r", "ref=r,type=registry"]
  cache-to = ["type=inline", "type=inline"]
  output = ["type=docker", "type=docker"]
  no-cache-filter = ["s", "s"]
  ulimits = ["nofile=1", "nofile=1"]
  entitlements = ["network.host", "network.host"]
  secret = ["id=a,env=A", "id=a,env=A", "env=B,id=b"]
  description = "hello"
  network = "host"
}
