target "a" {
  cache-from = ["type=registry,ref=file"]
  cache-to = ["type=registry,ref=file"]
  secret = ["id=f,env=F"]
  no-cache-filter = ["file"]
  ulimits = ["nproc=3"]
  attest = ["type=provenance,mode=min"]
  annotations = ["f=1"]
  entitlements = ["security.insecure"]
}
