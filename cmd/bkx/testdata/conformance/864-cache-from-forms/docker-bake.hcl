target "default" {
  cache-from = [
    "user/app:cache",
    "type=local,src=path/to/cache",
    "type=gha,scope=main",
    { type = "s3", region = "eu-west-1", bucket = "b", name = "n" },
    "type=registry,ref=r1",
    "type=registry,ref=r1",
  ]
}
