# Every cache type BuildKit has passes; each entry's required attributes
# are checked at the attribute, every one at once, before anything runs.
# A gha cache outside GitHub Actions (no token) is skipped with a warning,
# as buildx skips it.
# ARGS: gha s3 fine broken
builder "remote" {
  driver   = "remote"
  endpoint = "tcp://127.0.0.1:1234"
}
target "_b" {
  builder = "remote"
}
target "gha" {
  inherits = ["_b"]
  cache-to = ["type=gha"] # WARNING: gha cache skipped
}
target "s3" {
  inherits   = ["_b"]
  cache-from = ["type=s3,region=eu-west-1,bucket=b", "type=azblob,account_url=https://a.blob.core.windows.net", "type=gha,url=http://cache/,token=t"]
}
target "fine" {
  inherits   = ["_b"]
  cache-from = ["localhost:5000/app:cache", "type=local,src=cache"]
  cache-to   = ["type=registry,ref=localhost:5000/app:cache", "type=inline"]
}
target "broken" {
  inherits   = ["_b"]
  cache-from = ["type=s3,bucket=b"] # ERROR: Cache type=s3 needs region
  cache-to   = ["type=local", "type=nosuch"] # ERROR: Cache type=local needs dest | Unknown cache type "nosuch"
}
