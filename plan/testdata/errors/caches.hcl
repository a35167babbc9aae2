# Cache types bkx does not handle are refused at the attribute, every one
# at once, before anything runs; registry, local and inline are fine.
# ARGS: gha s3 fine
builder "remote" {
  driver   = "remote"
  endpoint = "tcp://127.0.0.1:1234"
}
target "_b" {
  builder = "remote"
}
target "gha" {
  inherits = ["_b"]
  cache-to = ["type=gha"] # ERROR: Cache type "gha" is not supported
}
target "s3" {
  inherits   = ["_b"]
  cache-from = ["type=s3,region=eu-west-1,bucket=b"] # ERROR: Cache type "s3" is not supported
}
target "fine" {
  inherits   = ["_b"]
  cache-from = ["localhost:5000/app:cache", "type=local,src=cache"]
  cache-to   = ["type=registry,ref=localhost:5000/app:cache", "type=inline"]
}
