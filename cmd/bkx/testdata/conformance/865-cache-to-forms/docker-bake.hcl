target "default" {
  cache-to = [
    "type=inline",
    "type=local,dest=out/cache,mode=max",
    { type = "registry", ref = "r:cache", mode = "max", "image-manifest" = true, "oci-mediatypes" = "true" },
    "type=gha,mode=min,ignore-error=true",
  ]
}
