# The docker driver's capability table: every mismatch is reported at once.
# ARGS: cache tarball dockertar multi attest load fine noattest
target "cache" {
  cache-to = ["type=registry,ref=localhost:5000/cache"] # ERROR: Cache export is not supported by the docker driver
}
target "tarball" {
  output = ["type=oci,dest=out.tar"] # ERROR: Tarball output is not supported by the docker driver
}
target "dockertar" {
  output = ["type=docker,dest=out.tar"] # ERROR: Tarball output is not supported by the docker driver
}
target "multi" {
  platforms = ["linux/amd64", "linux/arm64"] # ERROR: Multi-platform build is not supported by the docker driver
}
target "attest" {
  attest = ["type=provenance,mode=max"] # ERROR: Attestation is not supported by the docker driver
}
target "noattest" {
  attest = ["type=provenance,disabled=true"]
}
target "load" {
  output = ["type=docker"]
}
target "fine" {
  cache-to = ["type=inline"]
  output   = ["type=image,name=localhost:5000/fine"]
}
