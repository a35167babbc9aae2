target "default" {
  cache-to = ["mode=max,ref=c"]
}
