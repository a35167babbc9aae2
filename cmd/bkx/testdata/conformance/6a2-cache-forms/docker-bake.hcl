target "default" {
  cache-from = [
    "user/app:cache",
    "type=gha,scope=main",
    { type = "s3", region = "eu-west-1", bucket = "b" },
  ]
  cache-to = [
    "type=gha,mode=max,scope=main",
    { type = "registry", ref = "user/app:cache", mode = "max", "image-manifest" = true },
  ]
}
