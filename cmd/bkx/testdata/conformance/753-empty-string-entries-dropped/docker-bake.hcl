target "default" {
  output = [""]
  cache-from = ["", "type=registry,ref=x"]
  cache-to = [""]
  secret = [""]
  ssh = [""]
  attest = [""]
}
